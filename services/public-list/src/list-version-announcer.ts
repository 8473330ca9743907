import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { publicListVersionKey, type Logger } from '@jianguan/platform';
import { readListVersion } from './queries/public-cache';

/**
 * Sets the key only if the version is newer, so announcements arriving late never take it back, and
 * publishes every time: a key someone forged far ahead must not silence the announcements (the
 * gateway checks each one against PostgreSQL, so a message is only ever a prompt to look).
 */
const ANNOUNCE = `
local current = tonumber(redis.call('GET', KEYS[1]) or '-1')
if tonumber(ARGV[1]) > current then
  redis.call('SET', KEYS[1], ARGV[1])
end
redis.call('PUBLISH', KEYS[1], ARGV[1])
return 1`;

export interface ListVersionAnnouncer {
  /** Reads the committed list version and announces it. */
  announce: () => Promise<void>;
  stop: () => Promise<void>;
}

/**
 * Tells Redis (where the gateway listens) the newest committed version of the public lists. The
 * worker calls it after every event's transaction commits, before the job counts as done: should
 * Redis not take it, the job fails and is retried, so no list change goes unannounced.
 */
export async function startListVersionAnnouncer(options: {
  dataSource: DataSource;
  redisUrl: string;
  prefix: string;
  logger: Logger;
}): Promise<ListVersionAnnouncer> {
  const logger = options.logger.child({ component: 'list-version-announcer' });
  const key = publicListVersionKey(options.prefix);
  const redis = new Redis(options.redisUrl, { lazyConnect: true });
  redis.on('error', (error) => logger.warn({ err: error }, 'Redis connection error'));
  await redis.connect();
  const announce = async () => {
    await redis.eval(ANNOUNCE, 1, key, String(await readListVersion(options.dataSource)));
  };
  // Whatever changed while no worker ran.
  await announce();
  return {
    announce,
    stop: async () => {
      await redis.quit().catch(() => undefined);
    },
  };
}
