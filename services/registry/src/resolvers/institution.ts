import { notFound, visibleNode } from '@jianguan/platform';
import type { RegistryContext } from '../context';
import { toInstitutionNode, toLicenceNode, toRegionNode, type InstitutionNode } from '../api-types';
import { LICENCE_RULE_SETS } from '../domain/licence-rules';

/**
 * One institution for the caller: the root query and entity resolution from other subgraphs obey the
 * same jurisdiction rule.
 */
export const visibleInstitution = visibleNode(
  'registry.read',
  (ctx: RegistryContext, id) => ctx.loaders.institution.load(id),
  toInstitutionNode,
);

export const institutionResolvers = {
  __resolveReference: ({ id }: { id: string }, ctx: RegistryContext) => visibleInstitution(ctx, id),

  region: async (institution: InstitutionNode, _: unknown, ctx: RegistryContext) => {
    const region = await ctx.loaders.region.load(institution.regionCode);
    if (!region) throw notFound('Region');
    return toRegionNode(region);
  },

  licences: async (institution: InstitutionNode, _: unknown, ctx: RegistryContext) =>
    (await ctx.loaders.licences.load(institution.id)).map((licence) => toLicenceNode(licence)),

  surveys: async (institution: InstitutionNode, _: unknown, ctx: RegistryContext) =>
    (await ctx.loaders.surveys.load(institution.id)).map((survey) => ({ ...survey })),

  licenceRuleSet: (institution: InstitutionNode) => {
    const set = LICENCE_RULE_SETS.find((s) => s.version === institution.ruleSetVersion);
    if (!set) throw new Error(`Unknown licence rule set ${institution.ruleSetVersion}`);
    return { version: set.version, document: set.document, effectiveFrom: set.effectiveFrom };
  },
};
