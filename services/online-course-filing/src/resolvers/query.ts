import { forbidden, requireRegionCode, requireUuid, SCOPES } from '@jianguan/platform';
import type { FilingContext } from '../context';
import { toFilingNode, toRuleSetNode } from '../api-types';
import { RuleSetEntity } from '../entities/rule-set.entity';

export const queryResolvers = {
  onlineFiling: async (_: unknown, { id }: { id: string }, ctx: FilingContext) => {
    const filing = await ctx.viewer.requireVisible('filing.read', () =>
      ctx.loaders.filing.load(requireUuid('id', id)),
    );
    return filing && toFilingNode(filing);
  },

  screeningRuleSets: async (_: unknown, __: unknown, ctx: FilingContext) => {
    ctx.viewer.requireUser();
    const sets = await ctx.deps.dataSource
      .getRepository(RuleSetEntity)
      .find({ order: { effectiveFrom: 'ASC' } });
    return sets.map(toRuleSetNode);
  },

  /** Without a region: the whole country, for admins only (no jurisdiction claim covers it). */
  onlineFilingStats: (_: unknown, { regionCode }: { regionCode?: string | null }, ctx: FilingContext) => {
    ctx.viewer.requireUser();
    if (regionCode == null) {
      if (!ctx.viewer.hasScope(SCOPES.admin)) throw forbidden('National statistics need the admin scope');
      return ctx.loaders.filingStats.load('');
    }
    ctx.viewer.requireRegionStatistics(requireRegionCode('regionCode', regionCode));
    return ctx.loaders.filingStats.load(regionCode);
  },
};
