import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { templateDatabase, testServers, TEMPLATE_ENV } from './test-config';

export const TEST_DATABASE_PREFIX = 'jg_test_';

/** A database on the server this run uses (read when called: global setup resolves the server). */
export const databaseUrl = (name: string) => `${testServers().databaseServerUrl}/${name}`;

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
  url: string;
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
    drop: () =>
      onServer((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => {}),
  };
}
