import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { publicListVersionKey, type Logger } from '@jianguan/platform';
import { readListVersion } from './queries/public-cache';

/** Sets the key and publishes only if the version is newer, so announcements arriving late never go back. */
const ANNOUNCE_IF_NEWER = `
local current = tonumber(redis.call('GET', KEYS[1]) or '-1')
if tonumber(ARGV[1]) > current then
  redis.call('SET', KEYS[1], ARGV[1])
  redis.call('PUBLISH', KEYS[1], ARGV[1])
  return 1
end
return 0`;

export interface ListVersionAnnouncer {
  /** Reads the committed list version and announces it if it is newer than the last one. */
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
    await redis.eval(ANNOUNCE_IF_NEWER, 1, key, String(await readListVersion(options.dataSource)));
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
