import { maskPhone, requireUuid, SCOPES } from '@jianguan/platform';
import type { InstitutionInfo } from '../domain/types';
import type { FilingContext } from '../context';
import {
  toCourseNode,
  toFilingNode,
  toFindingNode,
  toPersonNode,
  toRuleSetNode,
  toStatusChangeNode,
  type FilingNode,
} from '../api-types';
import { CourseEntity } from '../entities/course.entity';
import { PersonEntity } from '../entities/person.entity';
import { filingPart, type PageArgs } from '../queries/filing-parts';

export const filingResolvers = {
  /** Entity resolution obeys the same jurisdiction rule as a root query. */
  __resolveReference: async ({ id }: { id: string }, ctx: FilingContext) => {
    const filing = await ctx.viewer.requireVisible('filing.read', () =>
      ctx.loaders.filing.load(requireUuid('id', id)),
    );
    return filing && toFilingNode(filing);
  },
  personnel: async (filing: FilingNode, args: PageArgs, ctx: FilingContext) => {
    const connection = await filingPart(ctx.deps.dataSource, PersonEntity, filing.id, args);
    return {
      ...connection,
      edges: connection.edges.map((e) => ({ ...e, node: toPersonNode(e.node, ctx.viewer) })),
    };
  },
  courses: async (filing: FilingNode, args: PageArgs, ctx: FilingContext) => {
    const connection = await filingPart(ctx.deps.dataSource, CourseEntity, filing.id, args);
    return { ...connection, edges: connection.edges.map((e) => ({ ...e, node: toCourseNode(e.node) })) };
  },
  ruleSet: async (filing: FilingNode, _: unknown, ctx: FilingContext) => {
    if (!filing.ruleSetVersion) return null;
    const set = await ctx.loaders.ruleSet.load(filing.ruleSetVersion);
    return set && toRuleSetNode(set);
  },
  findings: async (filing: FilingNode, _: unknown, ctx: FilingContext) =>
    (await ctx.loaders.findings.load(filing.id)).map(toFindingNode),
  history: async (filing: FilingNode, _: unknown, ctx: FilingContext) =>
    (await ctx.loaders.history.load(filing.id)).map(toStatusChangeNode),
};

export const institutionResolvers = {
  __resolveReference: ({ id }: { id: string }, ctx: FilingContext) => {
    ctx.viewer.requireUser();
    return { id: requireUuid('id', id) };
  },
  /** Only when the caller may see it: its own institution's, or its jurisdiction's. */
  onlineFiling: async ({ id }: { id: string }, _: unknown, ctx: FilingContext) => {
    const filing = await ctx.loaders.filingOfInstitution.load(id);
    return filing && ctx.viewer.may('filing.read', filing) ? toFilingNode(filing) : null;
  },
};

export const regionResolvers = {
  __resolveReference: ({ code }: { code: string }, ctx: FilingContext) => {
    ctx.viewer.requireUser();
    return { code };
  },
  /** Statistics are for officials whose jurisdiction includes the whole region. */
  filingStats: ({ code }: { code: string }, _: unknown, ctx: FilingContext) => {
    ctx.viewer.requireRegionStatistics(code);
    return ctx.loaders.filingStats.load(code);
  },
};

/** Phone numbers are personal data: shown whole only to those who screen filings. */
export const institutionInfoResolvers = {
  contactPhone: (info: InstitutionInfo, _: unknown, ctx: FilingContext) =>
    info.contactPhone && !ctx.viewer.hasScope(SCOPES.filingScreen)
      ? maskPhone(info.contactPhone)
      : info.contactPhone,
};
