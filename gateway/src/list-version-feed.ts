import { Redis } from 'ioredis';
import { publicListVersionKey, type Logger } from '@jianguan/platform';

export interface ListVersionFeed {
  /** The newest public-list version heard of; undefined while it cannot be known (Redis lost). */
  current: () => number | undefined;
  stop: () => Promise<void>;
}

/**
 * Follows the public lists' version as public-list announces it in Redis: the key on (re)connect,
 * then every pub/sub message. While the subscription is down a change could be missed, so the
 * version is unknown until it is back and the key has been read again.
 */
export async function followListVersion(options: {
  redisUrl: string;
  queuePrefix: string;
  logger: Logger;
}): Promise<ListVersionFeed> {
  const logger = options.logger.child({ component: 'list-version-feed' });
  const key = publicListVersionKey(options.queuePrefix);
  const subscriber = new Redis(options.redisUrl, { lazyConnect: true });
  const reader = new Redis(options.redisUrl, { lazyConnect: true });
  let version: number | undefined;
  let subscribed = false;

  const raise = (value: string | null) => {
    const next = Number(value);
    if (value === null || !Number.isSafeInteger(next)) return;
    if (version === undefined || next > version) version = next;
  };
  const resync = async () => {
    try {
      raise(await reader.get(key));
    } catch (error) {
      logger.warn({ err: error }, 'reading the list version failed');
    }
  };

  for (const connection of [subscriber, reader]) {
    connection.on('error', (error) => logger.warn({ err: error }, 'Redis connection error'));
  }
  subscriber.on('message', (_channel, message: string) => raise(message));
  subscriber.on('close', () => {
    subscribed = false;
    version = undefined;
  });
  // ioredis re-subscribes on reconnect; read the key after that so nothing between is missed.
  subscriber.on('ready', () => {
    subscribed = true;
    void resync();
  });

  await Promise.all([subscriber.connect(), reader.connect()]);
  await subscriber.subscribe(key);
  subscribed = true;
  await resync();

  return {
    current: () => (subscribed ? version : undefined),
    stop: async () => {
      await Promise.allSettled([subscriber.quit(), reader.quit()]);
    },
  };
}
