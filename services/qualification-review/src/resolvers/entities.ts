import { plannedSlaSchedule } from '../sla/planned-schedule';
import { institutionReference, regionReference, regionStatistics, visibleNode } from '@jianguan/platform';
import type { ReviewContext } from '../context';
import {
  toApplicationNode,
  toNotificationNode,
  toPermitNode,
  toStatusChangeNode,
  type ApplicationNode,
} from '../api-types';

/** One application for the caller: the root query and entity resolution obey the same jurisdiction rule. */
export const visibleApplication = visibleNode(
  'review.read',
  (ctx: ReviewContext, id) => ctx.loaders.application.load(id),
  toApplicationNode,
);

export const applicationResolvers = {
  __resolveReference: ({ id }: { id: string }, ctx: ReviewContext) => visibleApplication(ctx, id),
  permit: async (app: ApplicationNode, _: unknown, ctx: ReviewContext) => {
    const permit = await ctx.loaders.permit.load(app.id);
    return permit && toPermitNode(permit);
  },
  history: async (app: ApplicationNode, _: unknown, ctx: ReviewContext) =>
    (await ctx.loaders.history.load(app.id)).map(toStatusChangeNode),
  notifications: async (app: ApplicationNode, _: unknown, ctx: ReviewContext) =>
    (await ctx.loaders.notifications.load(app.id)).map(toNotificationNode),
  slaSchedule: (app: ApplicationNode, _: unknown, ctx: ReviewContext) =>
    plannedSlaSchedule(app, ctx.deps.sla),
};

export const institutionResolvers = {
  __resolveReference: institutionReference,
  /** Only the applications the caller may see: its own institution's, or its jurisdiction's. */
  qualificationApplications: async ({ id }: { id: string }, _: unknown, ctx: ReviewContext) =>
    (await ctx.loaders.applicationsOfInstitution.load(id))
      .filter((app) => ctx.viewer.may('review.read', app))
      .map((app) => toApplicationNode(app)),
};

export const regionResolvers = {
  __resolveReference: regionReference,
  reviewStats: regionStatistics((ctx: ReviewContext, code) => ctx.loaders.reviewStats.load(code)),
};
