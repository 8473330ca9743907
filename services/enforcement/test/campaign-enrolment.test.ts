import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { DeadlineScheduler } from '../src/deadlines/schedule';
import { enrolCampaignBatch, runEnrolment } from '../src/campaigns/enrol';
import { CampaignEntity } from '../src/entities/campaign.entity';
import { useEnforcementDatabase } from './support';

/**
 * A campaign's enrolment of the institutions already on file (docs/design.md §9.4), batch by batch on
 * real PostgreSQL: everything in scope gets one order, nothing out of scope does, and a run that starts
 * again from the beginning (a crash before the cursor was kept, a second worker) opens nothing twice.
 */
const enforcement = useEnforcementDatabase();
let dataSource: DataSource;
let scheduler: DeadlineScheduler;

beforeAll(async () => {
  dataSource = await enforcement.openDataSource(4);
  scheduler = enforcement.startScheduler({ reminderOffsetsMs: [] });
});

/** Institutions on file in Chengdong: `n` of each classification. */
async function onFile(n: number) {
  const rows = (['INCOMPLETE', 'NONE', 'COMPLETE', 'OFF_PLATFORM'] as const).flatMap((shape) =>
    Array.from({ length: n }, () => ({ id: randomUUID(), shape })),
  );
  await dataSource.query(
    `INSERT INTO enforcement.known_institution
       (id, name, region_code, kind, category, certificate_status, missing_licences, on_national_platform)
     SELECT id, '培训机构', '630102001001', 'OFFLINE', 'SUBJECT',
            CASE shape WHEN 'INCOMPLETE' THEN 'INCOMPLETE' WHEN 'NONE' THEN 'NONE' ELSE 'COMPLETE' END,
            CASE shape WHEN 'INCOMPLETE' THEN '{SCHOOL_PERMIT}'::text[] ELSE '{}'::text[] END,
            shape <> 'OFF_PLATFORM'
       FROM unnest($1::uuid[], $2::text[]) AS t(id, shape)`,
    [rows.map((r) => r.id), rows.map((r) => r.shape)],
  );
  return rows;
}

async function campaign(): Promise<CampaignEntity> {
  const now = Date.now();
  return dataSource.getRepository(CampaignEntity).save({
    name: '证照不全专项治理',
    regionCode: '630102',
    startsAt: new Date(now - 1000),
    endsAt: new Date(now + 86_400_000),
    defaultDeadline: new Date(now + 3_600_000),
    kinds: null,
    problems: ['INCOMPLETE_CERTIFICATES', 'NOT_ON_NATIONAL_PLATFORM'],
    enrolmentCursor: null,
    enrolled: 0,
    enrolmentDoneAt: null,
    createdById: 'test',
    createdByName: '测试',
  });
}

const ordersByProblem = async (campaignId: string) =>
  (
    await dataSource.query(
      `SELECT p->>'code' AS code, count(*)::int AS n FROM enforcement.rectification_order o,
              jsonb_array_elements(o.problems) p
        WHERE campaign_id = $1 GROUP BY 1 ORDER BY 1`,
      [campaignId],
    )
  ).map((r: { code: string; n: number }) => [r.code, r.n]);

it('opens one order for each institution in scope, in batches, and a run from the start again opens none twice', async () => {
  await onFile(7);
  const started = await campaign();
  // Two batches, then a "crash": the cursor goes back to the start, as if it had never been kept.
  await enrolCampaignBatch(dataSource, started.id, 5);
  await enrolCampaignBatch(dataSource, started.id, 5);
  await dataSource.query(`UPDATE enforcement.campaign SET enrolment_cursor = NULL WHERE id = $1`, [
    started.id,
  ]);
  // The run from the start finds the first ten covered by their origin key and opens the other eleven.
  expect(await runEnrolment(dataSource, scheduler, started.id, 5)).toBe(11);

  expect(await ordersByProblem(started.id)).toEqual([
    ['INCOMPLETE_CERTIFICATES', 7],
    ['MISSING_SCHOOL_PERMIT', 7],
    ['NOT_ON_NATIONAL_PLATFORM', 7],
  ]);
  const [{ orders }] = await dataSource.query(
    `SELECT count(*)::int AS orders FROM enforcement.rectification_order WHERE campaign_id = $1`,
    [started.id],
  );
  expect(orders).toBe(21);
  const done = await dataSource.getRepository(CampaignEntity).findOneByOrFail({ id: started.id });
  expect(done.enrolmentDoneAt).not.toBeNull();
  expect(done.enrolled).toBe(21);
  // The run scheduled the deadline checks of the orders it opened (the batches that "crashed" before
  // scheduling are the reconciler's, as for any order).
  expect(await scheduler.queue.getDelayedCount()).toBe(11);
});
