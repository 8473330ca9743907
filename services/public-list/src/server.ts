import { defineServiceServer, runServiceMain } from '@jianguan/platform';
import { publicListBase } from './service-base';
import { createLoaders } from './loaders';
import { publicListResolvers } from './resolvers';
import { PublicAnswerCache } from './queries/public-cache';

/**
 * Starts the public-list subgraph; migrations are run by the launcher or the migration job, not here.
 * Anonymous answers carry @cacheControl hints (PUBLIC_CACHE_MAX_AGE) and are shared in-process until
 * the list version changes.
 */
export const startPublicListServer = defineServiceServer(publicListBase, {
  typeDefs: (typeDefs, config) =>
    typeDefs.replace(/@cacheControl\(maxAge: 30,/g, `@cacheControl(maxAge: ${config.PUBLIC_CACHE_MAX_AGE},`),
  resolvers: publicListResolvers,
  open: (config) => new PublicAnswerCache(config.PUBLIC_CACHE_ENTRIES),
  context: ({ dataSource, opened: cache }) => ({ dataSource, cache, loaders: createLoaders(dataSource) }),
});

if (require.main === module) {
  runServiceMain(publicListBase, () => startPublicListServer());
}
