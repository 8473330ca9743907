import { requireUuid } from '@jianguan/platform';
import type { ReviewContext } from '../context';
import {
  toApplicationNode,
  toNotificationNode,
  toPermitNode,
  toStatusChangeNode,
  type ApplicationNode,
} from '../api-types';

export const applicationResolvers = {
  /** Entity resolution obeys the same jurisdiction rule as a root query. */
  __resolveReference: async ({ id }: { id: string }, ctx: ReviewContext) => {
    const app = await ctx.viewer.requireVisible('review.read', () =>
      ctx.loaders.application.load(requireUuid('id', id)),
    );
    return app && toApplicationNode(app);
  },
  permit: async (app: ApplicationNode, _: unknown, ctx: ReviewContext) => {
    const permit = await ctx.loaders.permit.load(app.id);
    return permit && toPermitNode(permit);
  },
  history: async (app: ApplicationNode, _: unknown, ctx: ReviewContext) =>
    (await ctx.loaders.history.load(app.id)).map(toStatusChangeNode),
  notifications: async (app: ApplicationNode, _: unknown, ctx: ReviewContext) =>
    (await ctx.loaders.notifications.load(app.id)).map(toNotificationNode),
};

export const institutionResolvers = {
  __resolveReference: ({ id }: { id: string }, ctx: ReviewContext) => {
    ctx.viewer.requireUser();
    return { id: requireUuid('id', id) };
  },
  /** Only the applications the caller may see: its own institution's, or its jurisdiction's. */
  qualificationApplications: async ({ id }: { id: string }, _: unknown, ctx: ReviewContext) =>
    (await ctx.loaders.applicationsOfInstitution.load(id))
      .filter((app) => ctx.viewer.may('review.read', app))
      .map((app) => toApplicationNode(app)),
};

export const regionResolvers = {
  __resolveReference: ({ code }: { code: string }, ctx: ReviewContext) => {
    ctx.viewer.requireUser();
    return { code };
  },
  /** Statistics are for officials whose jurisdiction includes the whole region. */
  reviewStats: ({ code }: { code: string }, _: unknown, ctx: ReviewContext) => {
    ctx.viewer.requireRegionStatistics(code);
    return ctx.loaders.reviewStats.load(code);
  },
};
