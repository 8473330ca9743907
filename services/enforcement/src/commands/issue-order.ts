import { notFound, type Viewer } from '@jianguan/platform';
import { recordEvent } from '@jianguan/events';
import { KnownInstitutionEntity } from '../entities/known-institution.entity';
import { RectificationOrderEntity } from '../entities/rectification-order.entity';
import { requireEnforcer, saveOrderChange, type CommandDeps } from './order-state';
import { resolveDeadline } from './deadline';
import { campaignFor } from './campaigns';
import type { IssueInput } from './inputs';

/**
 * Issues an order to an institution of the caller's jurisdiction. The order, its history, audit line
 * and RectificationOrderIssued commit together; the reminders and deadline check are scheduled after
 * the commit (the worker's reconciler covers a crash in between).
 */
export async function issueRectificationOrder(
  deps: CommandDeps,
  viewer: Viewer,
  input: IssueInput,
  requestId: string,
): Promise<RectificationOrderEntity> {
  const order = await deps.dataSource.transaction(async (manager) => {
    const institution = await manager.findOneBy(KnownInstitutionEntity, { id: input.institutionId });
    if (!institution) throw notFound('Institution');
    const actor = requireEnforcer(viewer, institution.regionCode);
    const now = new Date();
    const campaign = input.campaignId
      ? await campaignFor(manager, input.campaignId, institution.regionCode, now)
      : null;
    const deadline =
      input.deadline == null && input.deadlineWorkingDays == null && campaign
        ? resolveDeadline({ deadline: campaign.defaultDeadline }, now)
        : resolveDeadline(input, now);
    const created = manager.create(RectificationOrderEntity, {
      institutionId: institution.id,
      regionCode: institution.regionCode,
      source: input.source,
      problems: input.problems,
      issuingRegionCode: actor.regionCode,
      issuedById: actor.sub,
      issuedByName: actor.name,
      issuedAt: now,
      deadline,
      deadlineSetAt: now,
      status: 'OPEN',
      escalationLevel: null,
      respondBy: null,
      rectifiedAt: null,
      evidence: null,
      closedAt: null,
      campaignId: campaign?.id ?? null,
      originKey: null,
    });
    await saveOrderChange(manager, created, null, actor, 'issueRectificationOrder', null, requestId);
    await recordEvent(manager, 'enforcement', 'RectificationOrderIssued', {
      orderId: created.id,
      institutionId: created.institutionId,
      regionCode: created.regionCode,
      problems: created.problems,
      deadline: deadline.toISOString(),
      issuedAt: now.toISOString(),
    });
    return created;
  });
  await deps.deadlines.schedule(order);
  return order;
}
