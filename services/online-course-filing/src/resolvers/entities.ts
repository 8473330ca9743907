import {
  institutionReference,
  mapNodes,
  maskPhone,
  regionReference,
  regionStatistics,
  SCOPES,
  visibleNode,
} from '@jianguan/platform';
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

/** One filing for the caller: the root query and entity resolution obey the same jurisdiction rule. */
export const visibleFiling = visibleNode(
  'filing.read',
  (ctx: FilingContext, id) => ctx.loaders.filing.load(id),
  toFilingNode,
);

export const filingResolvers = {
  __resolveReference: ({ id }: { id: string }, ctx: FilingContext) => visibleFiling(ctx, id),
  personnel: async (filing: FilingNode, args: PageArgs, ctx: FilingContext) =>
    mapNodes(await filingPart(ctx.deps.dataSource, PersonEntity, filing.id, args), (person) =>
      toPersonNode(person, ctx.viewer),
    ),
  courses: async (filing: FilingNode, args: PageArgs, ctx: FilingContext) =>
    mapNodes(await filingPart(ctx.deps.dataSource, CourseEntity, filing.id, args), toCourseNode),
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
  __resolveReference: institutionReference,
  /** Only when the caller may see it: its own institution's, or its jurisdiction's. */
  onlineFiling: async ({ id }: { id: string }, _: unknown, ctx: FilingContext) => {
    const filing = await ctx.loaders.filingOfInstitution.load(id);
    return filing && ctx.viewer.may('filing.read', filing) ? toFilingNode(filing) : null;
  },
};

export const regionResolvers = {
  __resolveReference: regionReference,
  filingStats: regionStatistics((ctx: FilingContext, code) => ctx.loaders.filingStats.load(code)),
};

/** Phone numbers are personal data: shown whole only to those who screen filings. */
export const institutionInfoResolvers = {
  contactPhone: (info: InstitutionInfo, _: unknown, ctx: FilingContext) =>
    info.contactPhone && !ctx.viewer.hasScope(SCOPES.filingScreen)
      ? maskPhone(info.contactPhone)
      : info.contactPhone,
};
