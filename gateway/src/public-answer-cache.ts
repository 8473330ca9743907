import type { ApolloServerPlugin } from '@apollo/server';
import { LRUCache } from 'lru-cache';
import { Counter, type Registry } from 'prom-client';
import type { GatewayContext } from './context';
import type { ListVersionFeed } from './list-version-feed';
import { answerKeys } from './answer-key';

/** Browsers send ~100 characters; a longer Accept header is answered but not kept. */
const MAX_ACCEPT_CHARS = 256;

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
  /**
   * The slot of an anonymous request: undefined while the lists' version is unknown, or when the
   * request is not one to keep (see answer-key.ts). `parsed` gives the JSON body (throws if malformed).
   */
  slotFor(request: {
    accept: string | undefined;
    raw: Buffer;
    parsed: () => unknown;
  }): AnswerSlot | undefined;
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
 * the bare subgraph when the public arrives in crowds. The key is the request as GraphQL reads it
 * (answer-key.ts: printed document, declared variables) and the Accept header, both bounded, so a
 * request padded with whitespace finds the unpadded one's answer instead of evicting others.
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
  const keyOf = answerKeys();
  const requests = new Counter({
    name: 'jianguan_gateway_public_answers_total',
    help: 'Anonymous GraphQL requests by whether a kept answer was sent (hit) or Apollo answered (miss)',
    labelNames: ['outcome'],
    registers: [registry],
  });

  return {
    slotFor({ accept = '', raw, parsed }) {
      const version = feed.current();
      if (version === undefined || accept.length > MAX_ACCEPT_CHARS) return undefined;
      const request = keyOf(raw.toString('latin1'), parsed);
      return request === undefined ? undefined : { key: `${version}\u0000${accept}\u0000${request}` };
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
