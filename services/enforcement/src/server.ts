import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defineServiceServer, runServiceMain } from '@jianguan/platform';
import { loadEnforcementConfig } from './config';
import { enforcementDatabase } from './data-source';
import { createLoaders } from './loaders';
import { enforcementResolvers } from './resolvers';
import { openDeadlineScheduler } from './deadlines/timings';

export const enforcementTypeDefs = readFileSync(path.join(__dirname, 'schema.graphql'), 'utf8');

/**
 * Starts the enforcement subgraph; migrations are run by the launcher or the migration job.
 * Commands schedule deadline jobs on Redis after they commit; the worker's reconciler covers a crash in between.
 */
export const startEnforcementServer = defineServiceServer({
  name: 'enforcement',
  loadConfig: loadEnforcementConfig,
  database: enforcementDatabase,
  typeDefs: enforcementTypeDefs,
  resolvers: enforcementResolvers,
  open: openDeadlineScheduler,
  close: (deadlines) => deadlines.close(),
  context: ({ dataSource, config, opened: deadlines }) => ({
    deps: { dataSource, config, deadlines },
    loaders: createLoaders(dataSource),
  }),
});

if (require.main === module) {
  runServiceMain('enforcement', loadEnforcementConfig(), () => startEnforcementServer());
}
