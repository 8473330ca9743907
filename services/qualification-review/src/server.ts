import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runServiceMain, startServiceServer, type ServerStartOptions } from '@jianguan/platform';
import { loadReviewConfig } from './config';
import { createReviewDataSource } from './data-source';
import { buildReviewContext } from './context';
import { reviewResolvers } from './resolvers';
import { SlaScheduler } from './sla/schedule';
import { slaTimings } from './sla/timings';

export const reviewTypeDefs = readFileSync(path.join(__dirname, 'schema.graphql'), 'utf8');

/**
 * Starts the qualification-review subgraph; migrations are run by the launcher or the migration job.
 * Commands schedule SLA jobs on Redis after they commit; the worker's reconciler covers a crash in between.
 */
export function startQualificationReviewServer(
  env?: Record<string, string | undefined>,
  options: ServerStartOptions = {},
) {
  const config = loadReviewConfig(env);
  const sla = new SlaScheduler(config.REDIS_URL, config.QUEUE_PREFIX, slaTimings(config));
  return startServiceServer({
    name: 'qualification-review',
    config,
    typeDefs: reviewTypeDefs,
    resolvers: reviewResolvers,
    dataSource: createReviewDataSource(config.DATABASE_URL, {
      poolSize: config.DATABASE_POOL_SIZE,
      logger: options.queryLogger,
    }),
    logDestination: options.logDestination,
    buildContext: (dataSource) => buildReviewContext({ dataSource, config, sla }),
    onStop: () => sla.close(),
  });
}

if (require.main === module) {
  runServiceMain('qualification-review', loadReviewConfig(), () => startQualificationReviewServer());
}
