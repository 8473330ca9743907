import { newSigningKeyPair, signToken, type Claims, type SigningKey } from '@jianguan/platform';
import type { TestDatabase } from './database';
import type { TestQueuePrefix } from './redis';
import { TEST_REDIS_URL } from './redis';
import { testConfig } from './test-config';

export const TEST_SUBGRAPH_SECRET = 'test-subgraph-secret';

/**
 * The tests are the issuer: a key pair made afresh in each test process, whose private half stays
 * here (tokenFor signs with it) and whose public half is all the services under test get.
 */
const testKeyPair = newSigningKeyPair('test-key');
export const TEST_SIGNING_KEY: SigningKey = {
  privateJwk: testKeyPair.privateJwk,
  issuer: 'jianguan',
  audience: 'jianguan',
};
/** The verifiers' `JWT_JWKS`: the public key only. */
export const TEST_JWKS = JSON.stringify({ keys: [testKeyPair.publicJwk] });

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
    JWT_JWKS: TEST_JWKS,
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
  return signToken(TEST_SIGNING_KEY, { sub: 'test-official', name: '测试人员', ...claims }, expiresIn);
}

/** A token for a named official: who, their scopes and the region they answer for. */
export const officialToken = (sub: string, name: string, scopes: string[], regionCode: string) =>
  tokenFor({ sub, name, scopes, regionCode });
