import { parseInput, warnProvisionalDeadline } from '@jianguan/platform';
import type { EnforcementContext } from '../context';
import type { RectificationOrderEntity } from '../entities/rectification-order.entity';
import {
  toCampaignNode,
  toOrderNode,
  toPatrolCardNode,
  toPenaltyNode,
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
  removalInput,
  typicalCaseInput,
} from '../inputs';
import { removeFromBlacklist } from '../blacklist/entries';

type Args = { input: unknown };

const warnIfProvisional = (ctx: EnforcementContext, order: RectificationOrderEntity) => {
  if (order.deadlineProvisional) {
    warnProvisionalDeadline(ctx.logger, { orderId: order.id, deadline: order.deadline.toISOString() });
  }
  return order;
};

// Every mutation here is an enforcement officer's: the scope is checked before the input's ids are
// looked up or their rows locked; the command then checks jurisdiction on the row.

export const mutationResolvers = {
  issueRectificationOrder: async (_: unknown, { input }: Args, ctx: EnforcementContext) => {
    ctx.viewer.require('enforcement.act');
    const parsed = parseInput(issueInput, input);
    return toOrderNode(
      warnIfProvisional(ctx, await issueRectificationOrder(ctx.deps, ctx.viewer, parsed, ctx.requestId)),
    );
  },
  confirmRectification: async (_: unknown, { input }: Args, ctx: EnforcementContext) => {
    ctx.viewer.require('enforcement.act');
    const parsed = parseInput(confirmInput, input);
    return toOrderNode(await confirmRectification(ctx.deps, ctx.viewer, parsed, ctx.requestId));
  },
  extendRectificationDeadline: async (_: unknown, { input }: Args, ctx: EnforcementContext) => {
    ctx.viewer.require('enforcement.act');
    const parsed = parseInput(extendInput, input);
    const order = await extendRectificationDeadline(ctx.deps, ctx.viewer, parsed, ctx.requestId);
    return toOrderNode(warnIfProvisional(ctx, order));
  },
  recordEnforcementAction: async (_: unknown, { input }: Args, ctx: EnforcementContext) => {
    ctx.viewer.require('enforcement.act');
    const parsed = parseInput(actionInput, input);
    return toOrderNode(await recordEnforcementAction(ctx.deps, ctx.viewer, parsed, ctx.requestId));
  },
  startCampaign: async (_: unknown, { input }: Args, ctx: EnforcementContext) => {
    ctx.viewer.require('enforcement.act');
    const parsed = parseInput(campaignInput, input);
    return toCampaignNode(await startCampaign(ctx.deps, ctx.viewer, parsed, ctx.requestId));
  },
  imposePenalty: async (_: unknown, { input }: Args, ctx: EnforcementContext) => {
    ctx.viewer.require('enforcement.act');
    const parsed = parseInput(penaltyInput, input);
    return toPenaltyNode(await imposePenalty(ctx.deps, ctx.viewer, parsed, ctx.requestId));
  },
  issuePatrolCard: async (_: unknown, { input }: Args, ctx: EnforcementContext) => {
    ctx.viewer.require('enforcement.act');
    const parsed = parseInput(patrolCardInput, input);
    return (await issuePatrolCard(ctx.deps, ctx.viewer, parsed, ctx.requestId)).map(toPatrolCardNode);
  },
  removeFromBlacklist: async (_: unknown, { input }: Args, ctx: EnforcementContext) => {
    ctx.viewer.require('enforcement.act');
    const parsed = parseInput(removalInput, input);
    const removal = await removeFromBlacklist(ctx.deps, ctx.viewer, parsed, ctx.requestId);
    return { ...removal, institution: { __typename: 'Institution' as const, id: removal.institutionId } };
  },
  publishTypicalCase: async (_: unknown, { input }: Args, ctx: EnforcementContext) => {
    ctx.viewer.require('enforcement.act');
    const parsed = parseInput(typicalCaseInput, input);
    return toTypicalCaseNode(await publishTypicalCase(ctx.deps, ctx.viewer, parsed, ctx.requestId));
  },
};
