import { onServer, templateDatabase, useTestServers } from '@jianguan/testing';
import { STARTED_KEY } from './test-global-setup';
import { stopTestServers } from './test-servers';

/** Drops the template (each test file drops its own database in afterAll), then stops what setup started. */
export default async function globalTeardown() {
  const started = (globalThis as Record<symbol, Parameters<typeof stopTestServers>[0] | undefined>)[
    STARTED_KEY
  ];
  try {
    const template = templateDatabase();
    if (template)
      await onServer((client) => client.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`));
  } finally {
    if (started) await stopTestServers(started);
    useTestServers(undefined);
  }
}
