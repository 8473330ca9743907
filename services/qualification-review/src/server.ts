import { readFileSync } from 'node:fs';
import path from 'node:path';
import gql from 'graphql-tag';
import {
  createLogger,
  openDataSource,
  runMain,
  startSubgraph,
  type ServerStartOptions,
} from '@jianguan/platform';
import { loadReviewConfig } from './config';
import { createReviewDataSource } from './data-source';
import { buildReviewContext, type ReviewContext } from './context';
import { reviewResolvers } from './resolvers';
import { SlaScheduler } from './sla/schedule';
import { slaTimings } from './sla/timings';

export const reviewTypeDefs = readFileSync(path.join(__dirname, 'schema.graphql'), 'utf8');

/**
 * Starts the qualification-review subgraph; migrations are run by the launcher or the migration job.
 * Commands schedule SLA jobs on Redis after they commit; the worker's reconciler covers a crash in between.
 */
export async function startQualificationReviewServer(
  env?: Record<string, string | undefined>,
  options: ServerStartOptions = {},
) {
  const config = loadReviewConfig(env);
  const logger = createLogger('qualification-review', config.LOG_LEVEL);
  const dataSource = await openDataSource(
    createReviewDataSource(config.DATABASE_URL, {
      poolSize: config.DATABASE_POOL_SIZE,
      logger: options.queryLogger,
    }),
    { migrate: false },
  );
  const sla = new SlaScheduler(config.REDIS_URL, config.QUEUE_PREFIX, slaTimings(config));
  const server = await startSubgraph<ReviewContext>({
    name: 'qualification-review',
    config,
    logger,
    typeDefs: gql(reviewTypeDefs),
    resolvers: reviewResolvers,
    buildContext: buildReviewContext({ dataSource, config, sla }),
    readiness: async () => {
      await dataSource.query('SELECT 1');
    },
  });
  return {
    url: server.url,
    port: server.port,
    dataSource,
    stop: async () => {
      await server.stop();
      await sla.close();
      await dataSource.destroy();
    },
  };
}

if (require.main === module) {
  const config = loadReviewConfig();
  runMain(createLogger('qualification-review', config.LOG_LEVEL), config.SHUTDOWN_GRACE_SECONDS, () =>
    startQualificationReviewServer(),
  );
}
