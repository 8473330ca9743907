import { regionStatistics } from '@jianguan/platform';
import type { RegistryContext } from '../context';
import { toRegionNode, type RegionNode } from '../api-types';

export const regionResolvers = {
  __resolveReference: async ({ code }: { code: string }, ctx: RegistryContext) => {
    ctx.viewer.requireUser();
    const region = await ctx.loaders.region.load(code);
    return region && toRegionNode(region);
  },

  parent: async (region: RegionNode, _: unknown, ctx: RegistryContext) => {
    if (!region.parentCode) return null;
    const parent = await ctx.loaders.region.load(region.parentCode);
    return parent && toRegionNode(parent);
  },

  children: async (region: RegionNode, _: unknown, ctx: RegistryContext) =>
    (await ctx.loaders.regionChildren.load(region.code)).map(toRegionNode),

  institutionStats: regionStatistics((ctx: RegistryContext, code) => ctx.loaders.institutionStats.load(code)),
};
