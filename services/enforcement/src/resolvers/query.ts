import type { EnforcementContext } from '../context';
import { forbidden, mapNodes, requireUuid } from '@jianguan/platform';
import { toCampaignNode, toOrderNode, toReferralNode } from '../api-types';
import { visibleOrder } from './entities';
import { CampaignEntity } from '../entities/campaign.entity';
import { disciplineReferrals, rectificationOrders, type OrderListArgs } from '../queries/lists';

export const queryResolvers = {
  rectificationOrder: (_: unknown, { id }: { id: string }, ctx: EnforcementContext) => visibleOrder(ctx, id),

  rectificationOrders: async (_: unknown, args: OrderListArgs, ctx: EnforcementContext) => {
    const connection = await rectificationOrders(ctx.deps.dataSource, ctx.viewer, args);
    return mapNodes(connection, toOrderNode, ctx.loaders.order);
  },

  disciplineReferrals: async (
    _: unknown,
    args: { regionCode?: string | null; first?: number | null; after?: string | null },
    ctx: EnforcementContext,
  ) => {
    return mapNodes(await disciplineReferrals(ctx.deps.dataSource, ctx.viewer, args), toReferralNode);
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
