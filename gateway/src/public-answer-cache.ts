import type { ApolloServerPlugin } from '@apollo/server';
import { LRUCache } from 'lru-cache';
import { Counter, type Registry } from 'prom-client';
import type { GatewayContext } from './context';
import type { ListVersionFeed } from './list-version-feed';

/** An answer as it went out: replayed byte for byte to the next anonymous caller who asks the same. */
export interface KeptAnswer {
  /** Encoded once when kept, so each replay writes the bytes as they are. */
  body: Buffer;
  contentType: string;
  cacheControl: string;
  keptAt: number;
}

/**
 * Where one anonymous request's answer may be kept. The plugin below fills in how long, once
 * execution shows the answer is a public, error-free query result within its cache hints.
 */
export interface AnswerSlot {
  key: string;
  keepForMs?: number;
  cacheControl?: string;
}

export interface PublicAnswerCache {
  /** The slot of an anonymous request, or undefined while the lists' version is unknown. */
  slotFor(request: { accept: string | undefined; body: Buffer }): AnswerSlot | undefined;
  find(slot: AnswerSlot): KeptAnswer | undefined;
  keep(slot: AnswerSlot, answer: { body: string; contentType: string }): void;
  plugin: ApolloServerPlugin<GatewayContext>;
}

/**
 * Keeps the answers the public gets (no token) for as long as the subgraphs' cache hints allow, and
 * keys them by the public lists' version: a list change moves every reader to new keys at once, so
 * nobody is served an answer older than the last change. Signed-in callers are never cached.
 *
 * It sits in front of Express and Apollo Server (see kept-answers-first.ts): a kept answer is sent
 * without routing, parsing, validating or executing anything, which is what lets the gateway outrun
 * the bare subgraph when the public arrives in crowds. The key is the exact request body (and Accept header), so only a
 * request byte-identical to one Apollo already accepted and answered is replayed.
 */
export function publicAnswerCache(
  feed: ListVersionFeed,
  maxMegabytes: number,
  registry: Registry,
): PublicAnswerCache {
  const answers = new LRUCache<string, KeptAnswer>({
    maxSize: Math.max(1, Math.floor(maxMegabytes * 1024 * 1024)),
    sizeCalculation: (answer, key) => answer.body.length + key.length,
  });
  const requests = new Counter({
    name: 'jianguan_gateway_public_answers_total',
    help: 'Anonymous GraphQL requests by whether a kept answer was sent (hit) or Apollo answered (miss)',
    labelNames: ['outcome'],
    registers: [registry],
  });

  return {
    slotFor({ accept, body }) {
      const version = feed.current();
      if (version === undefined) return undefined;
      return { key: `${version}\u0000${accept ?? ''}\u0000${body.toString('latin1')}` };
    },
    find(slot) {
      const kept = answers.get(slot.key);
      requests.inc({ outcome: kept ? 'hit' : 'miss' });
      return kept;
    },
    keep(slot, { body, contentType }) {
      if (!slot.keepForMs || !slot.cacheControl) return;
      const answer = {
        body: Buffer.from(body),
        contentType,
        cacheControl: slot.cacheControl,
        keptAt: Date.now(),
      };
      answers.set(slot.key, answer, { ttl: slot.keepForMs });
    },
    plugin: {
      async requestDidStart() {
        return {
          async willSendResponse({ contextValue, response, operation, overallCachePolicy }) {
            const slot = contextValue.answerSlot;
            if (!slot || operation?.operation !== 'query' || response.body.kind !== 'single') return;
            if (response.body.singleResult.errors || (response.http.status ?? 200) !== 200) return;
            // Hints from every subgraph field the answer used; none or PRIVATE means do not keep.
            const policy = overallCachePolicy.policyIfCacheable();
            if (!policy || policy.scope === 'PRIVATE') return;
            slot.keepForMs = policy.maxAge * 1000;
            slot.cacheControl = `max-age=${policy.maxAge}, public`;
          },
        };
      },
    },
  };
}
