import { forbidden, requireRegionCode, SCOPES } from '@jianguan/platform';
import type { FilingContext } from '../context';
import { toRuleSetNode } from '../api-types';
import { visibleFiling } from './entities';
import { RuleSetEntity } from '../entities/rule-set.entity';

export const queryResolvers = {
  onlineFiling: (_: unknown, { id }: { id: string }, ctx: FilingContext) => visibleFiling(ctx, id),

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
