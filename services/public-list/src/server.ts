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
import { loadPublicListConfig } from './config';
import { createPublicListDataSource } from './data-source';
import { buildPublicListContext, type PublicListContext } from './context';
import { publicListResolvers } from './resolvers';
import { PublicAnswerCache } from './queries/public-cache';

export const publicListTypeDefs = readFileSync(path.join(__dirname, 'schema.graphql'), 'utf8');

/**
 * Starts the public-list subgraph; migrations are run by the launcher or the migration job, not here.
 * Anonymous answers carry @cacheControl hints (PUBLIC_CACHE_MAX_AGE) and are shared in-process until
 * the list version changes.
 */
export async function startPublicListServer(
  env?: Record<string, string | undefined>,
  options: ServerStartOptions = {},
) {
  const config = loadPublicListConfig(env);
  const logger = createLogger('public-list', config.LOG_LEVEL);
  const dataSource = await openDataSource(
    createPublicListDataSource(config.DATABASE_URL, {
      poolSize: config.DATABASE_POOL_SIZE,
      logger: options.queryLogger,
    }),
    { migrate: false },
  );
  const cache = new PublicAnswerCache(config.PUBLIC_CACHE_ENTRIES);
  const maxAge = config.PUBLIC_CACHE_MAX_AGE;
  const typeDefs = publicListTypeDefs.replace(
    /@cacheControl\(maxAge: 30,/g,
    `@cacheControl(maxAge: ${maxAge},`,
  );
  const server = await startSubgraph<PublicListContext>({
    name: 'public-list',
    config,
    logger,
    typeDefs: gql(typeDefs),
    resolvers: publicListResolvers,
    buildContext: buildPublicListContext(dataSource, cache),
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
  const config = loadPublicListConfig();
  runMain(createLogger('public-list', config.LOG_LEVEL), config.SHUTDOWN_GRACE_SECONDS, () =>
    startPublicListServer(),
  );
}
