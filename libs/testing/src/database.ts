import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { derivedServiceUrls, type ServiceDatabaseUrls } from '@jianguan/platform';
import { templateDatabase, testServers, TEMPLATE_ENV } from './test-config';

export const TEST_DATABASE_PREFIX = 'jg_test_';

/** A database on the server this run uses (read when called: global setup resolves the server). */
export const databaseUrl = (name: string) => `${testServers().databaseServerUrl}/${name}`;

/**
 * The services' roles in tests: `jianguan_test_<schema>_owner` migrates the template, and the
 * subgraphs and workers under test connect as `jianguan_test_<schema>`, so every test runs with the
 * runtime role's rights only. Roles are cluster-wide: every run and every test file shares these
 * (same names, same password), and provisioning is idempotent and safe in parallel, so concurrent
 * runs on one server do not collide; the grants live in each database, cloned from the template.
 */
export const TEST_ROLE_PREFIX = 'jianguan_test';
export const TEST_ROLE_PASSWORD = 'jianguan-test-role-password';

/** A service's owner and runtime connections to database `name` of this run's server. */
export const testServiceUrls = (name: string, schema: string): ServiceDatabaseUrls =>
  derivedServiceUrls(databaseUrl(name), schema, {
    prefix: TEST_ROLE_PREFIX,
    ownerPassword: TEST_ROLE_PASSWORD,
    runtimePassword: TEST_ROLE_PASSWORD,
  });

/** Runs statements on the maintenance database (CREATE/DROP DATABASE cannot run in a transaction). */
export async function onServer<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: databaseUrl('postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  name: string;
  /** As the server's administrator: for a test's own setup and checks, never for a service. */
  url: string;
  /** As the runtime role of the service owning `schema`: what the service under test connects with. */
  runtimeUrl: (schema: string) => string;
  drop: () => Promise<void>;
}

/**
 * A database of this test file's own, cloned from the template that global setup migrated,
 * so test files run in parallel without seeing each other's rows.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = templateDatabase();
  if (!template) throw new Error(`${TEMPLATE_ENV} is not set: run the tests through jest (global setup)`);
  const name = `${TEST_DATABASE_PREFIX}${randomBytes(6).toString('hex')}`;
  await onServer((client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  return {
    name,
    url: databaseUrl(name),
    runtimeUrl: (schema) => testServiceUrls(name, schema).runtimeUrl,
    drop: () =>
      onServer((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => {}),
  };
}
