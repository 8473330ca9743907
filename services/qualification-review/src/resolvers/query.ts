import { mapNodes } from '@jianguan/platform';
import type { ReviewContext } from '../context';
import { toApplicationNode } from '../api-types';
import { visibleApplication } from './entities';
import { reviewQueue, type ReviewQueueArgs } from '../queries/review-queue';

export const queryResolvers = {
  qualificationApplication: (_: unknown, { id }: { id: string }, ctx: ReviewContext) =>
    visibleApplication(ctx, id),

  reviewQueue: async (_: unknown, args: ReviewQueueArgs, ctx: ReviewContext) => {
    const connection = await reviewQueue(ctx.deps.dataSource, ctx.viewer, args);
    return mapNodes(connection, toApplicationNode, ctx.loaders.application);
  },
};
