import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { publicListVersionKey, type Logger } from '@jianguan/platform';
import { listenForNotifications } from '@jianguan/events';
import { LIST_VERSION_CHANNEL } from './list-version';
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

/**
 * Relays committed list changes (Postgres NOTIFY, sent in the changing transaction) to Redis, where
 * the gateway hears them. On every (re)connection it announces the version in the database, so a
 * change committed while it was away is not missed.
 */
export async function startListVersionAnnouncer(options: {
  dataSource: DataSource;
  redisUrl: string;
  prefix: string;
  logger: Logger;
}) {
  const logger = options.logger.child({ component: 'list-version-announcer' });
  const key = publicListVersionKey(options.prefix);
  const redis = new Redis(options.redisUrl, { lazyConnect: true });
  redis.on('error', (error) => logger.warn({ err: error }, 'Redis connection error'));
  await redis.connect();
  const announce = (version: number) =>
    redis
      .eval(ANNOUNCE_IF_NEWER, 1, key, String(version))
      .catch((error) => logger.warn({ err: error, version }, 'announcing the list version failed'));
  const listener = await listenForNotifications({
    dataSource: options.dataSource,
    channel: LIST_VERSION_CHANNEL,
    applicationName: 'public-list-version-announcer',
    logger,
    onNotify: (payload) => void announce(Number(payload)),
    onConnect: () => void readListVersion(options.dataSource).then(announce),
  });
  return {
    stop: async () => {
      await listener.stop();
      await redis.quit().catch(() => undefined);
    },
  };
}
