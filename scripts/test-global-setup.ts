import { randomBytes } from 'node:crypto';
import { migrateServiceDatabase } from '@jianguan/platform';
import {
  databaseUrl,
  onServer,
  setTemplateDatabase,
  TEST_DATABASE_PREFIX,
  testServiceUrls,
  useTestServers,
} from '@jianguan/testing';
import { federationServices } from '@jianguan/federation';
import { LauncherError } from './dev-env';
import { startTestServers, stopTestServers } from './test-servers';

/** What global setup started, for global teardown (jest shares `globalThis` between the two). */
export const STARTED_KEY = Symbol.for('jianguan.test-servers');

/**
 * Resolves the PostgreSQL and Redis of this run (starting them when there are none, see
 * test-servers.ts), then migrates every service once into a template database; each test file then
 * clones it (CREATE DATABASE … TEMPLATE), which takes milliseconds instead of re-running migrations.
 * The template is migrated as `pnpm start` and deployments do it: roles provisioned by the
 * administrator, migrations run by each service's owner role, rights granted to its runtime role;
 * the clones keep the ownership and the grants.
 */
export default async function globalSetup() {
  let resolved;
  try {
    resolved = await startTestServers();
  } catch (error) {
    if (!(error instanceof LauncherError)) throw error;
    // Jest would print a stack trace of our own code; the message says what to do.
    process.stderr.write(`\n[test] ${error.message}\n`);
    process.exit(1);
  }
  const { started, lines } = resolved;
  process.stderr.write(`\n${lines.map((line) => `[test] ${line}`).join('\n')}\n`);
  (globalThis as Record<symbol, unknown>)[STARTED_KEY] = started;
  useTestServers(started.servers);
  try {
    const template = `${TEST_DATABASE_PREFIX}template_${randomBytes(4).toString('hex')}`;
    await onServer((client) => client.query(`CREATE DATABASE "${template}"`));
    setTemplateDatabase(template);
    for (const service of federationServices) {
      await migrateServiceDatabase(service, {
        adminUrl: databaseUrl(template),
        ...testServiceUrls(template, service.schema),
      });
    }
  } catch (error) {
    // Jest runs no teardown when setup fails.
    await stopTestServers(started);
    throw error;
  }
}
