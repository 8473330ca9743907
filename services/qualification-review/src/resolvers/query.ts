import { requireUuid } from '@jianguan/platform';
import type { ReviewContext } from '../context';
import { toApplicationNode } from '../api-types';
import { reviewQueue, type ReviewQueueArgs } from '../queries/review-queue';

export const queryResolvers = {
  qualificationApplication: async (_: unknown, { id }: { id: string }, ctx: ReviewContext) => {
    const app = await ctx.viewer.requireVisible('review.read', () =>
      ctx.loaders.application.load(requireUuid('id', id)),
    );
    return app && toApplicationNode(app);
  },

  reviewQueue: async (_: unknown, args: ReviewQueueArgs, ctx: ReviewContext) => {
    const connection = await reviewQueue(ctx.deps.dataSource, ctx.viewer, args);
    for (const { node } of connection.edges) ctx.loaders.application.prime(node.id, node);
    return { ...connection, edges: connection.edges.map((e) => ({ ...e, node: toApplicationNode(e.node) })) };
  },
};
