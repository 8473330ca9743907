import { randomBytes } from 'node:crypto';
import IORedis from 'ioredis';
import { testServers } from './test-config';

/** The Redis this run uses; test files import it after global setup has resolved it. */
export const TEST_REDIS_URL = testServers().redisUrl;

export interface TestQueuePrefix {
  prefix: string;
  /** Deletes every key under the prefix. */
  cleanup: () => Promise<void>;
}

/** A BullMQ key prefix of this test file's own, removed afterwards. */
export function createQueuePrefix(): TestQueuePrefix {
  const prefix = `jgtest-${randomBytes(5).toString('hex')}`;
  return {
    prefix,
    cleanup: async () => {
      const redis = new IORedis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
      try {
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
          if (keys.length > 0) await redis.del(...keys);
          cursor = next;
        } while (cursor !== '0');
      } finally {
        redis.disconnect();
      }
    },
  };
}
