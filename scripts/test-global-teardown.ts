import { onServer, TEMPLATE_ENV } from '@jianguan/testing';

/** Drops the template; each test file drops its own database in afterAll. */
export default async function globalTeardown() {
  const template = process.env[TEMPLATE_ENV];
  if (template)
    await onServer((client) => client.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`));
}
