import { readWorkingCalendar, type Viewer } from '@jianguan/platform';
import { ENFORCEMENT_SCHEMA } from '../data-source';
import type { RectificationOrderEntity } from '../entities/rectification-order.entity';
import { openOrder } from './open-order';
import type { CommandDeps } from '../command-deps';
import { lockInstitutionToEnforce } from './order-store';
import { resolveDeadline } from '../deadlines/resolve-deadline';
import { campaignFor } from '../campaigns/commands';
import type { IssueInput } from '../inputs';

/**
 * Issues an order to an institution of the caller's jurisdiction. The order, its history, audit line
 * and RectificationOrderIssued commit together; the reminders and deadline check are scheduled after
 * the commit (the worker's reconciler covers a crash in between). Problems an open order already
 * covers add nothing, so a repeated or double-submitted request answers the order it made.
 */
export async function issueRectificationOrder(
  deps: CommandDeps,
  viewer: Viewer,
  input: IssueInput,
  requestId: string,
): Promise<RectificationOrderEntity> {
  const { order, outcome } = await deps.dataSource.transaction(async (manager) => {
    const { row: institution, actor } = await lockInstitutionToEnforce(manager, viewer, input.institutionId);
    const now = new Date();
    const campaign = input.campaignId
      ? await campaignFor(manager, input.campaignId, institution.regionCode, now)
      : null;
    const calendar = await readWorkingCalendar(manager, ENFORCEMENT_SCHEMA);
    const { deadline, workingDays, provisional } =
      input.deadline == null && input.deadlineWorkingDays == null && campaign
        ? resolveDeadline({ deadline: campaign.defaultDeadline }, now, calendar)
        : resolveDeadline(input, now, calendar);
    return openOrder(manager, {
      institutionId: institution.id,
      regionCode: institution.regionCode,
      source: input.source,
      problems: input.problems,
      deadline,
      deadlineWorkingDays: workingDays,
      deadlineProvisional: provisional,
      campaignId: campaign?.id ?? null,
      originKey: null,
      issuingRegionCode: actor.regionCode,
      actor,
      detail: null,
      requestId,
    });
  });
  if (outcome === 'CREATED') await deps.deadlines.schedule(order);
  return order;
}
