import { defineServiceServer, runServiceMain } from '@jianguan/platform';
import { enforcementBase } from './service-base';
import { createLoaders } from './loaders';
import { enforcementResolvers } from './resolvers';
import { openDeadlineScheduler } from './deadlines/timings';

/**
 * Starts the enforcement subgraph; migrations are run by the launcher or the migration job.
 * Commands schedule deadline jobs on Redis after they commit; the worker's reconciler covers a crash in between.
 */
export const startEnforcementServer = defineServiceServer(enforcementBase, {
  resolvers: enforcementResolvers,
  open: openDeadlineScheduler,
  close: (deadlines) => deadlines.close(),
  context: ({ dataSource, config, opened: deadlines }) => ({
    deps: { dataSource, config, deadlines },
    loaders: createLoaders(dataSource),
  }),
});

if (require.main === module) {
  runServiceMain(enforcementBase, () => startEnforcementServer());
}
