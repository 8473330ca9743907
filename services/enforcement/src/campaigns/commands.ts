import type { EntityManager } from 'typeorm';
import { badInput, conflict, notFound, writeCreationAudit, type Viewer } from '@jianguan/platform';
import { CampaignEntity } from '../entities/campaign.entity';
import { MAX_DEADLINE_YEARS } from '../orders/order';
import { requireEnforcer, type CommandDeps } from '../command-deps';
import type { CampaignInput } from '../inputs';
import { CAMPAIGN_PROBLEMS } from './scope';
import type { DeadlineJobData } from '../deadlines/schedule';

/** Starts a special action in the caller's jurisdiction. */
export async function startCampaign(
  deps: CommandDeps,
  viewer: Viewer,
  input: CampaignInput,
  requestId: string,
): Promise<CampaignEntity> {
  const actor = requireEnforcer(viewer, input.regionCode);
  const now = new Date();
  if (input.endsAt.getTime() <= now.getTime()) throw badInput('endsAt', 'endsAt must be in the future');
  if (input.defaultDeadline.getTime() <= Math.max(now.getTime(), input.startsAt.getTime())) {
    throw badInput('defaultDeadline', 'defaultDeadline must be after the start and in the future');
  }
  const limit = new Date(now);
  limit.setUTCFullYear(limit.getUTCFullYear() + MAX_DEADLINE_YEARS);
  if (input.defaultDeadline.getTime() > limit.getTime()) {
    throw badInput('defaultDeadline', `defaultDeadline must be at most ${MAX_DEADLINE_YEARS} years ahead`);
  }
  const started = await deps.dataSource.transaction(async (manager) => {
    const campaign = await manager.save(
      manager.create(CampaignEntity, {
        ...input,
        kinds: input.kinds ?? null,
        problems: input.problems ?? [...CAMPAIGN_PROBLEMS],
        enrolled: 0,
        enrolmentCursor: null,
        enrolmentDoneAt: null,
        createdById: actor.sub,
        createdByName: actor.name,
      }),
    );
    await writeCreationAudit(manager, {
      actor,
      action: 'startCampaign',
      entityType: 'Campaign',
      created: campaign,
      requestId,
    });
    return campaign;
  });
  // The institutions already on file get their orders from the worker, batch by batch (the
  // reconciler re-adds the job should this add be lost).
  await deps.deadlines.add([enrolmentJob(started)]);
  return started;
}

export const enrolmentJob = (campaign: Pick<CampaignEntity, 'id' | 'startsAt'>): DeadlineJobData => ({
  kind: 'ENROL',
  campaignId: campaign.id,
  startsAt: campaign.startsAt.toISOString(),
});

/** The campaign an order is issued under: it must cover the institution and be running. */
export async function campaignFor(
  manager: EntityManager,
  campaignId: string,
  regionCode: string,
  at: Date,
): Promise<CampaignEntity> {
  const campaign = await manager.findOneBy(CampaignEntity, { id: campaignId });
  if (!campaign) throw notFound('Campaign');
  if (!regionCode.startsWith(campaign.regionCode))
    throw conflict('The institution is outside the campaign region');
  if (at < campaign.startsAt || at > campaign.endsAt) throw conflict('The campaign is not running');
  return campaign;
}

/** The running campaign covering a region (the most local one), if any. */
export async function activeCampaign(
  manager: EntityManager,
  regionCode: string,
  at: Date,
): Promise<CampaignEntity | null> {
  const rows: { id: string }[] = await manager.query(
    `SELECT id FROM enforcement.campaign
      WHERE starts_with($1, region_code) AND starts_at <= $2 AND ends_at >= $2 AND default_deadline > $2
      ORDER BY length(region_code) DESC, starts_at DESC
      LIMIT 1`,
    [regionCode, at],
  );
  if (rows.length === 0) return null;
  return manager.findOneBy(CampaignEntity, { id: rows[0].id });
}
