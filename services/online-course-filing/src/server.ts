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
import { loadFilingConfig } from './config';
import { createFilingDataSource } from './data-source';
import { buildFilingContext, type FilingContext } from './context';
import { filingGraphResolvers } from './resolvers';

export const filingTypeDefs = readFileSync(path.join(__dirname, 'schema.graphql'), 'utf8');

/** Starts the online-course-filing subgraph; migrations are run by the launcher or the migration job. */
export async function startOnlineCourseFilingServer(
  env?: Record<string, string | undefined>,
  options: ServerStartOptions = {},
) {
  const config = loadFilingConfig(env);
  const logger = createLogger('online-course-filing', config.LOG_LEVEL);
  const dataSource = await openDataSource(
    createFilingDataSource(config.DATABASE_URL, {
      poolSize: config.DATABASE_POOL_SIZE,
      logger: options.queryLogger,
    }),
    { migrate: false },
  );
  const server = await startSubgraph<FilingContext>({
    name: 'online-course-filing',
    config,
    logger,
    typeDefs: gql(filingTypeDefs),
    resolvers: filingGraphResolvers,
    buildContext: buildFilingContext({ dataSource, config }),
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
      await dataSource.destroy();
    },
  };
}

if (require.main === module) {
  const config = loadFilingConfig();
  runMain(createLogger('online-course-filing', config.LOG_LEVEL), config.SHUTDOWN_GRACE_SECONDS, () =>
    startOnlineCourseFilingServer(),
  );
}
