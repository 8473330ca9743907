import responseCachePlugin from '@apollo/server-plugin-response-cache';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import type { GatewayContext } from './context';
import type { ListVersionFeed } from './list-version-feed';

/**
 * Keeps the answers the public gets (no token) for as long as the subgraphs' cache hints allow, and
 * keys them by the public lists' version: a list change moves every reader to new keys at once, so
 * nobody is served an answer older than the last change. Signed-in callers are never cached.
 */
export function publicAnswerCache(feed: ListVersionFeed, maxMegabytes: number) {
  const cacheable = async ({ contextValue }: { contextValue: GatewayContext }) =>
    !contextValue.claims && feed.current() !== undefined;
  return responseCachePlugin<GatewayContext>({
    cache: new InMemoryLRUCache({ maxSize: Math.floor(maxMegabytes * 1024 * 1024) }),
    sessionId: async () => null,
    shouldReadFromCache: cacheable,
    shouldWriteToCache: cacheable,
    extraCacheKeyData: async () => feed.current(),
  });
}
