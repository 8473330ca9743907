import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runServiceMain, startServiceServer, type ServerStartOptions } from '@jianguan/platform';
import { loadPublicListConfig } from './config';
import { createPublicListDataSource } from './data-source';
import { buildPublicListContext } from './context';
import { publicListResolvers } from './resolvers';
import { PublicAnswerCache } from './queries/public-cache';

export const publicListTypeDefs = readFileSync(path.join(__dirname, 'schema.graphql'), 'utf8');

/**
 * Starts the public-list subgraph; migrations are run by the launcher or the migration job, not here.
 * Anonymous answers carry @cacheControl hints (PUBLIC_CACHE_MAX_AGE) and are shared in-process until
 * the list version changes.
 */
export function startPublicListServer(
  env?: Record<string, string | undefined>,
  options: ServerStartOptions = {},
) {
  const config = loadPublicListConfig(env);
  const cache = new PublicAnswerCache(config.PUBLIC_CACHE_ENTRIES);
  return startServiceServer({
    name: 'public-list',
    config,
    typeDefs: publicListTypeDefs.replace(
      /@cacheControl\(maxAge: 30,/g,
      `@cacheControl(maxAge: ${config.PUBLIC_CACHE_MAX_AGE},`,
    ),
    resolvers: publicListResolvers,
    dataSource: createPublicListDataSource(config.DATABASE_URL, {
      poolSize: config.DATABASE_POOL_SIZE,
      logger: options.queryLogger,
    }),
    logDestination: options.logDestination,
    buildContext: (dataSource) => buildPublicListContext(dataSource, cache),
  });
}

if (require.main === module) {
  runServiceMain('public-list', loadPublicListConfig(), () => startPublicListServer());
}
