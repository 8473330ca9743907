import { In, type DataSource } from 'typeorm';
import { lockByIdIfExists } from '@jianguan/platform';
import { regionAtLevel } from '../orders/order';
import { CampaignEntity } from '../entities/campaign.entity';
import { KnownInstitutionEntity } from '../entities/known-institution.entity';
import type { RectificationOrderEntity } from '../entities/rectification-order.entity';
import { openOrder } from '../orders/open-order';
import { campaignProblemsOf, IN_SCOPE_SQL } from './scope';
import type { DeadlineScheduler } from '../deadlines/schedule';

const ENROLMENT_ACTOR = { sub: 'system:campaign-enrolment', name: '专项治理行动建档' };

export interface EnrolmentStep {
  /** Orders created by this batch, to schedule after its commit. */
  created: RectificationOrderEntity[];
  done: boolean;
}

/**
 * One batch of a campaign's enrolment of the institutions already on file (docs/design.md §9.4): the
 * next `batchSize` institutions of its region after the cursor, by id, each in scope getting the
 * campaign's order; the cursor and the count move in the same transaction, and the order's origin key
 * makes a batch repeated after a crash open nothing twice. Institutions locked by another transaction
 * wait; the campaign row's lock keeps two runs of the job apart.
 */
export async function enrolCampaignBatch(
  dataSource: DataSource,
  campaignId: string,
  batchSize: number,
): Promise<EnrolmentStep> {
  return dataSource.transaction(async (manager) => {
    const campaign = await lockByIdIfExists(manager, CampaignEntity, campaignId);
    if (!campaign || campaign.enrolmentDoneAt) return { created: [], done: true };
    // A campaign past its deadline or end opens no order that would be overdue at once.
    const now = new Date();
    if (campaign.defaultDeadline <= now || campaign.endsAt <= now) {
      await manager.update(CampaignEntity, campaign.id, { enrolmentDoneAt: now });
      return { created: [], done: true };
    }
    const ids: { id: string }[] = await manager.query(
      `SELECT i.id FROM enforcement.known_institution i
        WHERE starts_with(i.region_code, $1) AND i.id > $2 AND ${IN_SCOPE_SQL('4', '5')}
        ORDER BY i.id LIMIT $3
        FOR UPDATE OF i`,
      [
        campaign.regionCode,
        campaign.enrolmentCursor ?? '00000000-0000-0000-0000-000000000000',
        batchSize,
        campaign.kinds,
        campaign.problems,
      ],
    );
    const created: RectificationOrderEntity[] = [];
    const institutions =
      ids.length === 0
        ? []
        : await manager.getRepository(KnownInstitutionEntity).findBy({ id: In(ids.map((r) => r.id)) });
    for (const institution of institutions) {
      const problems = campaignProblemsOf(institution, campaign);
      if (problems.length === 0) continue;
      const { order, outcome } = await openOrder(manager, {
        institutionId: institution.id,
        regionCode: institution.regionCode,
        source: 'SURVEY',
        problems,
        deadline: campaign.defaultDeadline,
        campaignId: campaign.id,
        originKey: `campaign:${campaign.id}:${institution.id}`,
        // Issued in the county's name, as orders from survey findings are: the county answers for it.
        issuingRegionCode: regionAtLevel(institution.regionCode, 'COUNTY'),
        actor: ENROLMENT_ACTOR,
        detail: `专项治理行动：${campaign.name}`,
      });
      if (outcome === 'CREATED') created.push(order);
    }
    const done = ids.length < batchSize;
    await manager.update(CampaignEntity, campaign.id, {
      enrolmentCursor: ids.at(-1)?.id ?? campaign.enrolmentCursor,
      enrolled: campaign.enrolled + created.length,
      enrolmentDoneAt: done ? now : null,
    });
    return { created, done };
  });
}

/** The whole enrolment job: batch after batch, each batch's new orders scheduled after its commit. */
export async function runEnrolment(
  dataSource: DataSource,
  scheduler: Pick<DeadlineScheduler, 'scheduleAll'>,
  campaignId: string,
  batchSize: number,
): Promise<number> {
  let opened = 0;
  for (;;) {
    const step = await enrolCampaignBatch(dataSource, campaignId, batchSize);
    await scheduler.scheduleAll(step.created);
    opened += step.created.length;
    if (step.done) return opened;
  }
}
