import { onServer, templateDatabase } from '@jianguan/testing';

/** Drops the template; each test file drops its own database in afterAll. */
export default async function globalTeardown() {
  const template = templateDatabase();
  if (template)
    await onServer((client) => client.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`));
}
