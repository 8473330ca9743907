import { z } from 'zod';

/** Where the tests look for PostgreSQL and Redis when the variables below are not set. */
export const DEFAULT_TEST_DATABASE_SERVER_URL = 'postgres://postgres@127.0.0.1:5432';
export const DEFAULT_TEST_REDIS_URL = 'redis://127.0.0.1:6379';

const unsetIfEmpty = (value: unknown) => (value === '' ? undefined : value);

/**
 * Where the tests find PostgreSQL and Redis, and how loud the services under test are; parsed once.
 * The URLs are undefined when not set: jest's global setup then uses the default address if something
 * answers there, or starts a server of its own (scripts/test-servers.ts), and sets the variables to
 * what it resolved before any worker starts, so a worker's parse sees them.
 */
export const testEnvSchema = z.object({
  TEST_DATABASE_SERVER_URL: z
    .preprocess(unsetIfEmpty, z.string().url().optional())
    .describe(
      'server on which each test file gets its own database (no database name); unset: `postgres://postgres@127.0.0.1:5432` if it answers, else an embedded one',
    ),
  TEST_REDIS_URL: z
    .preprocess(unsetIfEmpty, z.string().url().optional())
    .describe(
      'Redis; each test file uses its own key prefix; unset: `redis://127.0.0.1:6379` if it answers, else a spawned `redis-server`',
    ),
  TEST_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('silent')
    .describe('log level of the services under test'),
});

export const testConfig = testEnvSchema.parse(process.env);

export interface TestServers {
  /** PostgreSQL server, without a database name. */
  databaseServerUrl: string;
  redisUrl: string;
}

let servers: TestServers = {
  databaseServerUrl: testConfig.TEST_DATABASE_SERVER_URL ?? DEFAULT_TEST_DATABASE_SERVER_URL,
  redisUrl: testConfig.TEST_REDIS_URL ?? DEFAULT_TEST_REDIS_URL,
};

/** The PostgreSQL server and Redis this run uses. */
export const testServers = (): TestServers => servers;

const SERVER_VARIABLES = ['TEST_DATABASE_SERVER_URL', 'TEST_REDIS_URL'] as const;
let originalEnv: Record<string, string | undefined> | undefined;

/**
 * Global setup: the servers it resolved, for itself (this module was parsed before it resolved them)
 * and, through the environment that jest's workers and the tests' child processes inherit, for them.
 * `undefined` (teardown) puts the environment back as it was, so a watch-mode re-run resolves afresh.
 */
export function useTestServers(resolved: TestServers | undefined): void {
  originalEnv ??= Object.fromEntries(SERVER_VARIABLES.map((name) => [name, process.env[name]]));
  const next = resolved
    ? { TEST_DATABASE_SERVER_URL: resolved.databaseServerUrl, TEST_REDIS_URL: resolved.redisUrl }
    : originalEnv;
  for (const name of SERVER_VARIABLES) {
    const value = next[name];
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  if (resolved) servers = resolved;
}

/** Set by jest's global setup to the migrated template database every test file clones. */
export const TEMPLATE_ENV = 'JIANGUAN_TEST_TEMPLATE';
export const templateDatabase = (): string | undefined => process.env[TEMPLATE_ENV];
export const setTemplateDatabase = (name: string): void => {
  process.env[TEMPLATE_ENV] = name;
};

/** The environment for a command a test runs in a child process: this one's, with overrides. */
export const childProcessEnv = (overrides: Record<string, string>): NodeJS.ProcessEnv => ({
  ...process.env,
  ...overrides,
});
