import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { TEST_REDIS_URL, useServiceDatabase } from '@jianguan/testing';
import { createReviewDataSource } from '../src/data-source';
import { ApplicationEntity } from '../src/entities/application.entity';
import { KnownInstitutionEntity } from '../src/entities/known-institution.entity';
import { processSlaJob, reconcileSla } from '../src/sla/process';
import { slaJobId, SlaScheduler } from '../src/sla/schedule';

const service = useServiceDatabase();
let dataSource: DataSource;
let scheduler: SlaScheduler;

beforeAll(async () => {
  dataSource = await service.openDataSource(createReviewDataSource(service.db.url, { poolSize: 3 }));
  scheduler = service.stopAtEnd(
    new SlaScheduler(TEST_REDIS_URL, service.queue.prefix, {
      reminderBeforeMs: 3_600_000,
      escalateAfterMs: 0,
    }),
    (s) => s.close(),
  );
});

async function application(changes: Partial<ApplicationEntity> = {}): Promise<ApplicationEntity> {
  const institutionId = randomUUID();
  await dataSource
    .getRepository(KnownInstitutionEntity)
    .insert({ id: institutionId, regionCode: '630102001001' });
  const now = new Date();
  return dataSource.getRepository(ApplicationEntity).save({
    institutionId,
    regionCode: '630102001001',
    type: 'NEW_PERMIT',
    status: 'UNDER_REVIEW',
    track: 'STANDARD',
    materials: [],
    requestedMaterials: [],
    reasons: [],
    submittedAt: now,
    dueAt: new Date(now.getTime() + 86_400_000),
    clockPausedAt: null,
    submittedBy: 'test',
    reviewerId: 'reviewer-li',
    reviewerName: '李审核',
    decision: null,
    decidedAt: null,
    ...changes,
  });
}

const job = (app: ApplicationEntity, kind: 'REMINDER' | 'ESCALATION', dueAt = app.dueAt) => ({
  applicationId: app.id,
  kind,
  dueAt: dueAt.toISOString(),
});

describe('SLA jobs', () => {
  it('notifies once however often a job runs, the unique row deciding', async () => {
    const app = await application();
    const runs = await Promise.all([1, 2, 3].map(() => processSlaJob(dataSource, job(app, 'REMINDER'))));
    expect(runs.sort()).toEqual(['ALREADY_SENT', 'ALREADY_SENT', 'SENT']);
    expect(await processSlaJob(dataSource, job(app, 'ESCALATION'))).toBe('SENT');
    const rows = await dataSource.query(
      `SELECT kind, recipient FROM qualification_review.review_notification WHERE application_id = $1 ORDER BY kind DESC`,
      [app.id],
    );
    expect(rows).toEqual([
      { kind: 'REMINDER', recipient: 'REVIEWER:reviewer-li' },
      { kind: 'ESCALATION', recipient: 'DEPARTMENT_HEAD:630102' },
    ]);
  });

  it('does nothing when the job no longer applies: dueAt moved, clock paused, decided, withdrawn', async () => {
    const moved = await application();
    expect(
      await processSlaJob(dataSource, job(moved, 'REMINDER', new Date(moved.dueAt.getTime() - 1000))),
    ).toBe('STALE');
    const paused = await application({ status: 'MATERIALS_REQUESTED', clockPausedAt: new Date() });
    expect(await processSlaJob(dataSource, job(paused, 'ESCALATION'))).toBe('STALE');
    const decided = await application({ status: 'APPROVED', decision: 'APPROVE', decidedAt: new Date() });
    expect(await processSlaJob(dataSource, job(decided, 'REMINDER'))).toBe('STALE');
    const withdrawn = await application({ status: 'WITHDRAWN' });
    expect(await processSlaJob(dataSource, job(withdrawn, 'ESCALATION'))).toBe('STALE');
    expect(
      await processSlaJob(dataSource, {
        applicationId: randomUUID(),
        kind: 'REMINDER',
        dueAt: new Date().toISOString(),
      }),
    ).toBe('STALE');
  });

  it('reconciles: re-creates the jobs Redis lost, with deterministic ids, skipping what was sent', async () => {
    const open = await application();
    const halfDone = await application();
    await processSlaJob(dataSource, job(halfDone, 'REMINDER'));
    const paused = await application({ status: 'MATERIALS_REQUESTED', clockPausedAt: new Date() });

    await scheduler.queue.obliterate({ force: true });
    await reconcileSla(dataSource, scheduler);
    const ids = (await scheduler.queue.getJobs(['delayed', 'waiting'])).map((j) => j.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        slaJobId('REMINDER', open.id, open.dueAt),
        slaJobId('ESCALATION', open.id, open.dueAt),
        slaJobId('ESCALATION', halfDone.id, halfDone.dueAt),
      ]),
    );
    expect(ids).not.toContain(slaJobId('REMINDER', halfDone.id, halfDone.dueAt));
    expect(ids.some((id) => id?.includes(paused.id))).toBe(false);

    // Running it again adds nothing: the ids already exist.
    await reconcileSla(dataSource, scheduler);
    const count = (await scheduler.queue.getJobs(['delayed', 'waiting'])).length;
    expect(count).toBe(ids.length);

    // A reminder due in the past is scheduled to run at once (delay 0).
    const late = await application({ dueAt: new Date(Date.now() + 60_000) });
    await scheduler.schedule(late);
    const reminder = await scheduler.queue.getJob(slaJobId('REMINDER', late.id, late.dueAt));
    expect(reminder?.opts.delay).toBe(0);
  });
});
