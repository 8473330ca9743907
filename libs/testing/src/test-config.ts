import { z } from 'zod';

/** Where the tests find PostgreSQL and Redis, and how loud the services under test are; parsed once. */
export const testConfig = z
  .object({
    TEST_DATABASE_SERVER_URL: z.string().url().default('postgres://postgres@127.0.0.1:5432'),
    TEST_REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
    TEST_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('silent'),
  })
  .parse(process.env);

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
