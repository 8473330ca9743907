import type { EnforcementContext } from '../context';
import { forbidden, requireUuid } from '@jianguan/platform';
import { toCampaignNode, toOrderNode, toReferralNode } from '../api-types';
import { CampaignEntity } from '../entities/campaign.entity';
import { disciplineReferrals, rectificationOrders, type OrderListArgs } from '../queries/lists';

export const queryResolvers = {
  rectificationOrder: async (_: unknown, { id }: { id: string }, ctx: EnforcementContext) => {
    const order = await ctx.viewer.requireVisible('enforcement.read', () =>
      ctx.loaders.order.load(requireUuid('id', id)),
    );
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
    const claims = ctx.viewer.require('enforcement.campaign');
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
