import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runServiceMain, startServiceServer, type ServerStartOptions } from '@jianguan/platform';
import { loadFilingConfig } from './config';
import { createFilingDataSource } from './data-source';
import { buildFilingContext } from './context';
import { filingGraphResolvers } from './resolvers';

export const filingTypeDefs = readFileSync(path.join(__dirname, 'schema.graphql'), 'utf8');

/** Starts the online-course-filing subgraph; migrations are run by the launcher or the migration job. */
export function startOnlineCourseFilingServer(
  env?: Record<string, string | undefined>,
  options: ServerStartOptions = {},
) {
  const config = loadFilingConfig(env);
  return startServiceServer({
    name: 'online-course-filing',
    config,
    typeDefs: filingTypeDefs,
    resolvers: filingGraphResolvers,
    dataSource: createFilingDataSource(config.DATABASE_URL, {
      poolSize: config.DATABASE_POOL_SIZE,
      logger: options.queryLogger,
    }),
    logDestination: options.logDestination,
    buildContext: (dataSource) => buildFilingContext({ dataSource, config }),
  });
}

if (require.main === module) {
  runServiceMain('online-course-filing', loadFilingConfig(), () => startOnlineCourseFilingServer());
}
