import { z } from 'zod';
import { commandMutations, entityRef, warnProvisionalDeadline } from '@jianguan/platform';
import type { EnforcementContext } from '../context';
import type { RectificationOrderEntity } from '../entities/rectification-order.entity';
import {
  toCampaignNode,
  toOrderNode,
  toPatrolCardNode,
  toPenaltyNode,
  toNotificationNode,
  toReferralNode,
  toTypicalCaseNode,
} from '../api-types';
import { startCampaign } from '../campaigns/commands';
import { imposePenalty, issuePatrolCard } from '../penalties/commands';
import { publishTypicalCase } from '../typical-cases/commands';
import { issueRectificationOrder } from '../orders/issue-order';
import {
  confirmRectification,
  extendRectificationDeadline,
  recordEnforcementAction,
} from '../orders/order-steps';
import {
  actionInput,
  campaignInput,
  confirmInput,
  extendInput,
  issueInput,
  patrolCardInput,
  penaltyInput,
  referralInput,
  removalInput,
  typicalCaseInput,
} from '../inputs';
import { removeFromBlacklist } from '../blacklist/entries';
import { referToDiscipline } from '../escalation/refer-by-hand';
import { acknowledgeNotification } from '../deadlines/acknowledge';

const mutation = commandMutations((ctx: EnforcementContext) => ctx.deps);

/** An order whose deadline is provisional is answered as any other, and logged as a warning. */
const warnIfProvisional = (order: RectificationOrderEntity, ctx: EnforcementContext) => {
  if (order.deadlineProvisional) {
    warnProvisionalDeadline(ctx.logger, { orderId: order.id, deadline: order.deadline.toISOString() });
  }
};

// Every mutation here is an enforcement officer's: the scope is checked before the input's ids are
// looked up or their rows locked; the command then checks jurisdiction on the row.
const permission = 'enforcement.act';

export const mutationResolvers = {
  issueRectificationOrder: mutation({
    permission,
    input: issueInput,
    command: issueRectificationOrder,
    warn: warnIfProvisional,
    toNode: toOrderNode,
  }),
  confirmRectification: mutation({
    permission,
    input: confirmInput,
    command: confirmRectification,
    toNode: toOrderNode,
  }),
  extendRectificationDeadline: mutation({
    permission,
    input: extendInput,
    command: extendRectificationDeadline,
    warn: warnIfProvisional,
    toNode: toOrderNode,
  }),
  recordEnforcementAction: mutation({
    permission,
    input: actionInput,
    command: recordEnforcementAction,
    toNode: toOrderNode,
  }),
  startCampaign: mutation({
    permission,
    input: campaignInput,
    command: startCampaign,
    toNode: toCampaignNode,
  }),
  imposePenalty: mutation({ permission, input: penaltyInput, command: imposePenalty, toNode: toPenaltyNode }),
  issuePatrolCard: mutation({
    permission,
    input: patrolCardInput,
    command: issuePatrolCard,
    toNode: (cards) => cards.map(toPatrolCardNode),
  }),
  removeFromBlacklist: mutation({
    permission,
    input: removalInput,
    command: removeFromBlacklist,
    toNode: (removal) => ({ ...removal, institution: entityRef('Institution', removal.institutionId) }),
  }),
  // The recipient may be an institution's user, an enforcement official or an inspector: the command
  // checks which (deadlines/recipients.ts), so the wrapper asks only for a signed-in caller.
  acknowledgeNotification: mutation({
    permission: 'enforcement.read',
    arguments: z.object({ id: z.string() }).transform((args) => args.id),
    command: acknowledgeNotification,
    toNode: toNotificationNode,
  }),
  referToDiscipline: mutation({
    permission,
    input: referralInput,
    command: referToDiscipline,
    toNode: toReferralNode,
  }),
  publishTypicalCase: mutation({
    permission,
    input: typicalCaseInput,
    command: publishTypicalCase,
    toNode: toTypicalCaseNode,
  }),
};
