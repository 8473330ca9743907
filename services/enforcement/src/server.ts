import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runServiceMain, startServiceServer, type ServerStartOptions } from '@jianguan/platform';
import { loadEnforcementConfig } from './config';
import { createEnforcementDataSource } from './data-source';
import { buildEnforcementContext } from './context';
import { enforcementResolvers } from './resolvers';
import { DeadlineScheduler } from './deadlines/schedule';
import { deadlineTimings } from './deadlines/timings';

export const enforcementTypeDefs = readFileSync(path.join(__dirname, 'schema.graphql'), 'utf8');

/**
 * Starts the enforcement subgraph; migrations are run by the launcher or the migration job.
 * Commands schedule deadline jobs on Redis after they commit; the worker's reconciler covers a crash in between.
 */
export function startEnforcementServer(
  env?: Record<string, string | undefined>,
  options: ServerStartOptions = {},
) {
  const config = loadEnforcementConfig(env);
  const deadlines = new DeadlineScheduler(config.REDIS_URL, config.QUEUE_PREFIX, deadlineTimings(config));
  return startServiceServer({
    name: 'enforcement',
    config,
    typeDefs: enforcementTypeDefs,
    resolvers: enforcementResolvers,
    dataSource: createEnforcementDataSource(config.DATABASE_URL, {
      poolSize: config.DATABASE_POOL_SIZE,
      logger: options.queryLogger,
    }),
    logDestination: options.logDestination,
    buildContext: (dataSource) => buildEnforcementContext({ dataSource, config, deadlines }),
    onStop: () => deadlines.close(),
  });
}

if (require.main === module) {
  runServiceMain('enforcement', loadEnforcementConfig(), () => startEnforcementServer());
}
