/**
 * The PostgreSQL and Redis a jest run uses, resolved once in global setup: the one a variable names
 * (an error if it does not answer), else the one on the default address, else one started here, in
 * a temporary folder, with the same code `pnpm start` uses (dev-postgres.ts, dev-redis.ts), and
 * stopped by `stopTestServers` — or, when the run is interrupted, by our signal and exit hooks.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import {
  DEFAULT_TEST_DATABASE_SERVER_URL,
  DEFAULT_TEST_REDIS_URL,
  testConfig,
  type TestServers,
} from '@jianguan/testing';
import { LauncherError } from './dev-env';
import { startEmbeddedPostgres } from './dev-postgres';
import { findOnPath, howToGetRedis, pingRedis, startRedisServer } from './dev-redis';
import { anyFreePort } from './dev-processes';
import { startWatchdog } from './test-watchdog';

interface Started {
  servers: TestServers;
  dir?: string;
  /** What we started, in the order to stop it. */
  children: { name: string; pid: number; stop: () => Promise<void>; kill: () => void }[];
  stopWatchdog?: () => void;
  removeHooks?: () => void;
}

const masked = (url: string) => {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString().replace(/\/$/, '');
};
const address = (url: string) => new URL(url).host;

/** Undefined when PostgreSQL at `serverUrl` accepts a session, else the error. */
async function probePostgres(serverUrl: string): Promise<(Error & { code?: string }) | undefined> {
  const client = new Client({ connectionString: `${serverUrl}/postgres`, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    return undefined;
  } catch (error) {
    return error as Error & { code?: string };
  } finally {
    await client.end().catch(() => {});
  }
}

/** Connection-level failures: nothing listens there (as opposed to a server that refuses us). */
const NOTHING_THERE = new Set(['ECONNREFUSED', 'EADDRNOTAVAIL', 'ENETUNREACH', 'EHOSTUNREACH']);

/** A URL to use as it is, or how to start the server (into the run's folder) and get its URL. */
type Resolution = string | (() => Promise<string>);

async function resolveRedisUrl(started: Started, lines: string[]): Promise<Resolution> {
  const configured = testConfig.TEST_REDIS_URL;
  if (configured) {
    const problem = await pingRedis(configured, 5000);
    if (problem) {
      throw new LauncherError(
        `TEST_REDIS_URL is set to ${masked(configured)} (${address(configured)}), which does not answer ` +
          `PING: ${problem.replace(/\.$/, '')}. Start that Redis, or unset TEST_REDIS_URL to let the tests find or start one.`,
      );
    }
    lines.push(`Redis:      ${masked(configured)} (configured: TEST_REDIS_URL)`);
    return configured;
  }
  if (!(await pingRedis(DEFAULT_TEST_REDIS_URL))) {
    lines.push(`Redis:      ${DEFAULT_TEST_REDIS_URL} (found on the default address)`);
    return DEFAULT_TEST_REDIS_URL;
  }
  const binary = findOnPath('redis-server');
  if (!binary) throw new LauncherError(howToGetRedis('pnpm test', 'TEST_REDIS_URL'));
  // Started once we know PostgreSQL is settled too, into the run's temporary folder.
  return async () => {
    const dir = path.join(started.dir as string, 'redis');
    fs.mkdirSync(dir);
    const port = await anyFreePort();
    const redis = await startRedisServer({
      binary,
      port,
      dir,
      logFile: path.join(started.dir as string, 'redis.log'),
      pidFile: path.join(started.dir as string, 'redis.pid'),
      persistent: false,
    });
    started.children.unshift({ name: 'redis-server', ...redis });
    lines.push(`Redis:      ${redis.url} (started: ${binary}, no persistence, pid ${redis.pid})`);
    return redis.url;
  };
}

async function resolvePostgresUrl(started: Started, lines: string[]): Promise<Resolution> {
  const configured = testConfig.TEST_DATABASE_SERVER_URL;
  if (configured) {
    const problem = await probePostgres(configured);
    if (problem) {
      throw new LauncherError(
        `TEST_DATABASE_SERVER_URL is set to ${masked(configured)} (${address(configured)}), ` +
          `which does not answer: ${problem.message}. Start that server, or unset ` +
          'TEST_DATABASE_SERVER_URL to let the tests find or start one.',
      );
    }
    lines.push(`PostgreSQL: ${masked(configured)} (configured: TEST_DATABASE_SERVER_URL)`);
    return configured;
  }
  const problem = await probePostgres(DEFAULT_TEST_DATABASE_SERVER_URL);
  if (!problem) {
    lines.push(`PostgreSQL: ${DEFAULT_TEST_DATABASE_SERVER_URL} (found on the default address)`);
    return DEFAULT_TEST_DATABASE_SERVER_URL;
  }
  if (!NOTHING_THERE.has(problem.code ?? '')) {
    throw new LauncherError(
      `A PostgreSQL answers on ${address(DEFAULT_TEST_DATABASE_SERVER_URL)} but refuses the tests ` +
        `(${problem.message}). Set TEST_DATABASE_SERVER_URL to a server where user postgres may create ` +
        'databases and roles, or stop that server to let the tests start their own.',
    );
  }
  return async () => {
    const postgres = await startEmbeddedPostgres({
      dataDir: started.dir as string,
      password: randomBytes(24).toString('base64url'),
      port: 0,
      // A throw-away cluster: durability buys nothing; a whole federation per test file needs connections.
      settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', max_connections: '300' },
      urlVariable: 'TEST_DATABASE_SERVER_URL',
      say: () => {},
    });
    started.children.push({ name: 'embedded PostgreSQL', ...postgres });
    lines.push(
      `PostgreSQL: ${masked(postgres.serverUrl)} (started: embedded PostgreSQL, pid ${postgres.pid})`,
    );
    return postgres.serverUrl;
  };
}

/** Stops what we started, in order, and removes the temporary folder. Safe to call more than once. */
export async function stopTestServers(started: Started): Promise<void> {
  started.removeHooks?.();
  const children = started.children.splice(0);
  for (const child of children) {
    try {
      await child.stop();
    } catch (error) {
      process.stderr.write(`[test] stopping ${child.name} failed: ${(error as Error).message}\n`);
    }
  }
  started.stopWatchdog?.();
  if (started.dir) fs.rmSync(started.dir, { recursive: true, force: true });
  started.dir = undefined;
}

/**
 * Ctrl-C, a kill, or jest exiting without teardown: stop what we started. Jest installs no SIGINT
 * handler of its own, so without ours the servers (in process groups of their own) would outlive it.
 */
function installHooks(started: Started) {
  const onSignal = (signal: NodeJS.Signals) => {
    process.stderr.write(`\n[test] ${signal}: stopping the servers this run started\n`);
    void stopTestServers(started).finally(() => process.exit(130));
  };
  // Signals only: the watchdog sees us gone, waits for them to stop, and removes the folder.
  const onExit = () => {
    for (const child of started.children) child.kill();
  };
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  for (const signal of signals) process.on(signal, onSignal);
  process.on('exit', onExit);
  started.removeHooks = () => {
    for (const signal of signals) process.removeListener(signal, onSignal);
    process.removeListener('exit', onExit);
  };
}

/** Resolves (starting what is missing) the servers for this run, and says once which they are. */
export async function startTestServers(): Promise<{ started: Started; lines: string[] }> {
  const started: Started = { servers: { databaseServerUrl: '', redisUrl: '' }, children: [] };
  const lines: string[] = [];
  try {
    // Redis first: finding none is quick, and then nothing has been started that must be stopped.
    const redis = await resolveRedisUrl(started, lines);
    const postgres = await resolvePostgresUrl(started, lines);
    const needsFolder = typeof redis !== 'string' || typeof postgres !== 'string';
    if (needsFolder) {
      started.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jianguan-test-'));
      // As root, PostgreSQL runs as the `postgres` user, which must be able to enter the folder.
      fs.chmodSync(started.dir, 0o755);
      installHooks(started);
      started.stopWatchdog = startWatchdog(started.dir);
    }
    const url = (resolution: Resolution) => (typeof resolution === 'string' ? resolution : resolution());
    started.servers = { redisUrl: await url(redis), databaseServerUrl: await url(postgres) };
    if (needsFolder) lines.push(`Temporary folder (removed at the end): ${started.dir}`);
    return { started, lines };
  } catch (error) {
    await stopTestServers(started);
    throw error;
  }
}
