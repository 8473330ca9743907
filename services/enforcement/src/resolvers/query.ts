import type { EnforcementContext } from '../context';
import { forbidden } from '@jianguan/platform';
import { toCampaignNode, toOrderNode, toReferralNode } from '../api-types';
import { CampaignEntity } from '../entities/campaign.entity';
import { READ_SCOPE, WRITE_SCOPE } from '../command-deps';
import { disciplineReferrals, rectificationOrders, type OrderListArgs } from '../queries/lists';
import { requireUuid, visibleOrder } from './access';

export const queryResolvers = {
  rectificationOrder: async (_: unknown, { id }: { id: string }, ctx: EnforcementContext) => {
    const order = visibleOrder(ctx.viewer, await ctx.loaders.order.load(requireUuid('id', id)));
    return order && toOrderNode(order);
  },

  rectificationOrders: async (_: unknown, args: OrderListArgs, ctx: EnforcementContext) => {
    const connection = await rectificationOrders(ctx.deps.dataSource, ctx.viewer, args);
    for (const { node } of connection.edges) ctx.loaders.order.prime(node.id, node);
    return { ...connection, edges: connection.edges.map((e) => ({ ...e, node: toOrderNode(e.node) })) };
  },

  disciplineReferrals: async (
    _: unknown,
    args: { regionCode?: string | null; first?: number | null; after?: string | null },
    ctx: EnforcementContext,
  ) => {
    const connection = await disciplineReferrals(ctx.deps.dataSource, ctx.viewer, args);
    return { ...connection, edges: connection.edges.map((e) => ({ ...e, node: toReferralNode(e.node) })) };
  },

  /** Officials whose jurisdiction covers the campaign region, or lies inside it (they see their part). */
  campaign: async (_: unknown, { id }: { id: string }, ctx: EnforcementContext) => {
    const claims = ctx.viewer.requireScope(READ_SCOPE, WRITE_SCOPE);
    const campaign = await ctx.deps.dataSource
      .getRepository(CampaignEntity)
      .findOneBy({ id: requireUuid('id', id) });
    if (!campaign) return null;
    const related =
      ctx.viewer.covers(campaign.regionCode) || claims.regionCode.startsWith(campaign.regionCode);
    if (claims.institutionId || !related) throw forbidden('Outside your jurisdiction');
    return toCampaignNode(campaign);
  },
};
