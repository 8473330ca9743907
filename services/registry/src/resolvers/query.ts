import { badInput, mapNodes, requireRegionCode } from '@jianguan/platform';
import type { RegistryContext } from '../context';
import { toInstitutionNode, toRegionNode } from '../api-types';
import { InstitutionEntity } from '../entities/institution.entity';
import { listInstitutions, type InstitutionFilter } from '../queries/list-institutions';
import { visibleInstitution } from './institution';

export const queryResolvers = {
  institution: (_: unknown, { id }: { id: string }, ctx: RegistryContext) => visibleInstitution(ctx, id),

  institutionByCreditCode: async (
    _: unknown,
    { creditCode }: { creditCode: string },
    ctx: RegistryContext,
  ) => {
    const institution = await ctx.viewer.requireVisible('registry.read', () =>
      ctx.dataSource.getRepository(InstitutionEntity).findOneBy({ creditCode }),
    );
    return institution && toInstitutionNode(institution);
  },

  institutions: async (
    _: unknown,
    args: { filter?: InstitutionFilter | null; first?: number | null; after?: string | null },
    ctx: RegistryContext,
  ) => {
    const connection = await listInstitutions(
      ctx.dataSource,
      ctx.viewer,
      args.filter ?? {},
      args.first,
      args.after,
    );
    // Later field resolvers (region, licences) find these rows in the loader instead of re-reading them.
    return mapNodes(connection, toInstitutionNode, ctx.loaders.institution);
  },

  region: async (_: unknown, { code }: { code: string }, ctx: RegistryContext) => {
    ctx.viewer.requireUser();
    const prefix = requireRegionCode('code', code);
    const region = await ctx.loaders.region.load(prefix);
    // A well-formed code that names no division is the caller's mistake, not an empty answer.
    if (!region) throw badInput('code', `code 不是已知的行政区划代码：${code}`);
    return toRegionNode(region);
  },
};
