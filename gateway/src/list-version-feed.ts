import { Redis } from 'ioredis';
import { publicListVersionKey, SUBGRAPH_SECRET_HEADER, type Logger } from '@jianguan/platform';
import type { SubgraphEndpoint } from './config';

export interface ListVersionFeed {
  /** The newest public-list version known; undefined while it cannot be known for sure. */
  current: () => number | undefined;
  stop: () => Promise<void>;
}

/** How long a check with public-list may take, and how soon a failed one is tried again. */
const CHECK_TIMEOUT_MS = 2000;
const RETRY_MS = 1000;

/**
 * Follows the public lists' version. public-list announces each committed change in Redis (a key
 * for late joiners, a pub/sub message for everyone listening), but anyone who can write to Redis
 * could announce too: a forged version far ahead would freeze the answer cache on it, and every
 * answer kept afterwards would outlive the list changes that follow. So an announcement is only a
 * prompt: the version itself is asked of public-list, which reads it from PostgreSQL, with the
 * gateway's subgraph secret. Between hearing of a newer version and having it confirmed, and
 * while the subscription is down (a change could be missed), the version is unknown and nothing is
 * answered from, or kept in, the cache.
 */
export async function followListVersion(options: {
  redisUrl: string;
  queuePrefix: string;
  /** Reads the committed version (askPublicList below); throws when it cannot. */
  check: () => Promise<number>;
  logger: Logger;
}): Promise<ListVersionFeed> {
  const logger = options.logger.child({ component: 'list-version-feed' });
  const key = publicListVersionKey(options.queuePrefix);
  const subscriber = new Redis(options.redisUrl, { lazyConnect: true });
  let version: number | undefined;
  let subscribed = false;
  /** An announcement of a version newer than `version` is being checked. */
  let unconfirmed = false;
  let checking = false;
  let checkAgain = false;
  let retry: NodeJS.Timeout | undefined;
  let stopped = false;

  const check = async () => {
    unconfirmed = true;
    if (checking) return void (checkAgain = true);
    checking = true;
    try {
      do {
        checkAgain = false;
        const confirmed = await options.check();
        if (version === undefined || confirmed > version) version = confirmed;
      } while (checkAgain);
      unconfirmed = false;
    } catch (error) {
      logger.warn({ err: error }, 'checking the list version with public-list failed');
      if (!stopped) retry = setTimeout(() => void check(), RETRY_MS);
    } finally {
      checking = false;
    }
  };

  subscriber.on('error', (error) => logger.warn({ err: error }, 'Redis connection error'));
  subscriber.on('message', (_channel, message: string) => {
    // One not newer than the version confirmed changes nothing, so needs no check.
    const heard = Number(message);
    if (version !== undefined && Number.isSafeInteger(heard) && heard <= version) return;
    void check();
  });
  subscriber.on('close', () => {
    subscribed = false;
  });

  await subscriber.connect();
  await subscriber.subscribe(key);
  subscribed = true;
  await check();
  // ioredis re-subscribes on reconnect; check after that so nothing between is missed.
  subscriber.on('ready', () => {
    subscribed = true;
    void check();
  });

  return {
    current: () => (subscribed && !unconfirmed ? version : undefined),
    stop: async () => {
      stopped = true;
      clearTimeout(retry);
      await subscriber.quit().catch(() => undefined);
    },
  };
}

/** Asks public-list for the committed version of the lists, as only the gateway may. */
export function askPublicList(endpoint: SubgraphEndpoint): () => Promise<number> {
  return async () => {
    const response = await fetch(endpoint.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SUBGRAPH_SECRET_HEADER]: endpoint.secret },
      body: JSON.stringify({ query: '{ publicListVersion }' }),
      signal: AbortSignal.timeout(CHECK_TIMEOUT_MS),
    });
    const body = (await response.json()) as { data?: { publicListVersion?: unknown } };
    const version = Number(body.data?.publicListVersion);
    if (!response.ok || !Number.isSafeInteger(version)) {
      throw new Error(`public-list answered ${response.status} without a list version`);
    }
    return version;
  };
}
