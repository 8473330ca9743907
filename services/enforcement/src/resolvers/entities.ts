import { plannedSchedule } from '../deadlines/planned-schedule';
import { deadlineTimings } from '../deadlines/timings';
import { institutionReference, regionReference, regionStatistics, visibleNode } from '@jianguan/platform';
import type { BlacklistEntryEntity } from '../entities/blacklist-entry.entity';
import type { EnforcementContext } from '../context';
import {
  toActionNode,
  toCaseNode,
  toHistoryNode,
  toNotificationNode,
  toOrderNode,
  toPenaltyNode,
  type CampaignNode,
  type OrderNode,
  type PatrolCardNode,
  type PenaltyNode,
  type ReferralNode,
} from '../api-types';
import { campaignProgress } from '../queries/campaign-progress';

/** One order for the caller: the root query and entity resolution obey the same jurisdiction rule. */
export const visibleOrder = visibleNode(
  'enforcement.read',
  (ctx: EnforcementContext, id) => ctx.loaders.order.load(id),
  toOrderNode,
);

export const orderResolvers = {
  __resolveReference: ({ id }: { id: string }, ctx: EnforcementContext) => visibleOrder(ctx, id),
  escalations: async (o: OrderNode, _: unknown, ctx: EnforcementContext) =>
    (await ctx.loaders.escalations.load(o.id)).map(toCaseNode),
  actions: async (o: OrderNode, _: unknown, ctx: EnforcementContext) =>
    (await ctx.loaders.actions.load(o.id)).map(toActionNode),
  history: async (o: OrderNode, _: unknown, ctx: EnforcementContext) =>
    (await ctx.loaders.history.load(o.id)).map(toHistoryNode),
  notifications: async (o: OrderNode, _: unknown, ctx: EnforcementContext) =>
    (await ctx.loaders.notifications.load(o.id)).map(toNotificationNode),
  schedule: (o: OrderNode, _: unknown, ctx: EnforcementContext) =>
    plannedSchedule(o, deadlineTimings(ctx.deps.config), ctx.deps.config.ENFORCEMENT_ESCALATION_GRACE),
  remindersSent: async (o: OrderNode, _: unknown, ctx: EnforcementContext) => {
    const steps = new Set(
      (await ctx.loaders.notifications.load(o.id)).filter((n) => n.kind === 'REMINDER').map((n) => n.step),
    );
    return [...steps].filter((step) => step.endsWith(`@${o.deadline.toISOString()}`)).length;
  },
};

export const referralResolvers = {
  order: async (r: ReferralNode, _: unknown, ctx: EnforcementContext) => {
    if (!r.orderId) return null;
    const order = await ctx.loaders.order.load(r.orderId);
    return order && toOrderNode(order);
  },
};

export const institutionResolvers = {
  __resolveReference: institutionReference,
  /** Only the orders the caller may see: its own institution's, or its jurisdiction's. */
  rectificationOrders: async ({ id }: { id: string }, _: unknown, ctx: EnforcementContext) =>
    (await ctx.loaders.ordersOfInstitution.load(id))
      .filter((o) => ctx.viewer.may('enforcement.read', o))
      .map(toOrderNode),
  penalties: async ({ id }: { id: string }, _: unknown, ctx: EnforcementContext) =>
    (await ctx.loaders.penaltiesOfInstitution.load(id))
      .filter((p) => ctx.viewer.may('enforcement.read', p))
      .map(toPenaltyNode),
  /** Officials of its jurisdiction (and the institution itself) see why it is black-listed and who may lift it. */
  blacklistEntries: async ({ id }: { id: string }, _: unknown, ctx: EnforcementContext) => {
    const entries = await ctx.loaders.blacklistOfInstitution.load(id);
    if (entries.length === 0) return [];
    const institution = await ctx.loaders.knownInstitution.load(id);
    if (!institution || !ctx.viewer.may('enforcement.read', institution)) return [];
    return entries;
  },
};

export const blacklistEntryResolvers = {
  order: async (e: BlacklistEntryEntity, _: unknown, ctx: EnforcementContext) => {
    const order = e.orderId ? await ctx.loaders.order.load(e.orderId) : null;
    return order && toOrderNode(order);
  },
  penalty: async (e: BlacklistEntryEntity, _: unknown, ctx: EnforcementContext) => {
    const penalty = e.penaltyId ? await ctx.loaders.penalty.load(e.penaltyId) : null;
    return penalty && toPenaltyNode(penalty);
  },
};

export const penaltyResolvers = {
  order: async (p: PenaltyNode, _: unknown, ctx: EnforcementContext) => {
    const order = p.orderId ? await ctx.loaders.order.load(p.orderId) : null;
    return order && toOrderNode(order);
  },
};

export const patrolCardResolvers = {
  penalty: async (c: PatrolCardNode, _: unknown, ctx: EnforcementContext) => {
    const penalty = c.penaltyId ? await ctx.loaders.penalty.load(c.penaltyId) : null;
    return penalty && toPenaltyNode(penalty);
  },
};

export const campaignResolvers = {
  /** Progress by sub-region; an official inside the campaign region sees only the part below it. */
  progress: async (c: CampaignNode, _: unknown, ctx: EnforcementContext) => {
    const rows = await campaignProgress(ctx.deps.dataSource, c.id, c.regionCode);
    return rows.filter(
      (r) => ctx.viewer.covers(r.regionCode) || r.regionCode.startsWith(ctx.viewer.claims!.regionCode),
    );
  },
};

export const regionResolvers = {
  __resolveReference: regionReference,
  rectificationStats: regionStatistics((ctx: EnforcementContext, code) =>
    ctx.loaders.rectificationStats.load(code),
  ),
};
