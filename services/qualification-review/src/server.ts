import { defineServiceServer, runServiceMain } from '@jianguan/platform';
import { reviewBase } from './service-base';
import { createLoaders } from './loaders';
import { reviewResolvers } from './resolvers';
import { openSlaScheduler } from './sla/timings';

/**
 * Starts the qualification-review subgraph; migrations are run by the launcher or the migration job.
 * Commands schedule SLA jobs on Redis after they commit; the worker's reconciler covers a crash in between.
 */
export const startQualificationReviewServer = defineServiceServer(reviewBase, {
  resolvers: reviewResolvers,
  open: openSlaScheduler,
  close: (sla) => sla.close(),
  context: ({ dataSource, config, opened: sla }) => ({
    deps: { dataSource, config, sla },
    loaders: createLoaders(dataSource),
  }),
});

if (require.main === module) {
  runServiceMain(reviewBase, () => startQualificationReviewServer());
}
