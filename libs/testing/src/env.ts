import { signToken, type Claims } from '@jianguan/platform';
import type { TestDatabase } from './database';
import type { TestQueuePrefix } from './redis';
import { TEST_REDIS_URL } from './redis';
import { testConfig } from './test-config';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256!';
export const TEST_SUBGRAPH_SECRET = 'test-subgraph-secret';
export const TEST_KEYS = { secret: TEST_JWT_SECRET, issuer: 'jianguan', audience: 'jianguan' };

/** What every process under test sees (the gateway as well): this file's queue prefix, free ports. */
export function testProcessEnv(
  queue: TestQueuePrefix,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: testConfig.TEST_LOG_LEVEL,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: queue.prefix,
    JWT_SECRET: TEST_JWT_SECRET,
    SUBGRAPH_SECRET: TEST_SUBGRAPH_SECRET,
    PORT: '0',
    WORKER_PORT: '0',
    // A whole federation runs per test file; small pools keep it well under PostgreSQL's 100 connections.
    DATABASE_POOL_SIZE: '4',
    ...extra,
  };
}

/**
 * The environment a service sees in a test: the above, and this file's database as the service's
 * runtime role (never the administrator), so the tests prove the runtime role's rights suffice.
 */
export function testEnv(
  service: { schema: string },
  db: TestDatabase,
  queue: TestQueuePrefix,
  extra: Record<string, string> = {},
): Record<string, string> {
  return { DATABASE_URL: db.runtimeUrl(service.schema), ...testProcessEnv(queue, extra) };
}

export function tokenFor(
  claims: Partial<Claims> & Pick<Claims, 'scopes' | 'regionCode'>,
  expiresIn?: string | number,
) {
  return signToken(TEST_KEYS, { sub: 'test-official', name: '测试人员', ...claims }, expiresIn);
}
