/**
 * Redis for `pnpm start`: `REDIS_URL` when set; otherwise a Redis on localhost:6379 if one answers;
 * otherwise a `redis-server` from PATH that the launcher starts (append-only file on, data under
 * `<data dir>/redis`); otherwise a clear message on how to get one.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import IORedis from 'ioredis';
import { executableSearchPath, LauncherError } from './dev-env';
import { choosePort, exitOf, isAlive, sleep, stopChild, tailOf, waitForPidExit } from './dev-processes';

export const LOCAL_REDIS_URL = 'redis://127.0.0.1:6379';

export interface ResolvedRedis {
  url: string;
  /** How it was found, for the banner. */
  source: 'REDIS_URL' | 'localhost' | 'spawned';
  /** Set when the launcher started it. */
  stop?: () => Promise<void>;
  kill?: () => void;
}

/** Resolves with undefined when `url` answers PING, otherwise with the reason it does not. */
export async function pingRedis(url: string, timeoutMs = 1500): Promise<string | undefined> {
  const redis = new IORedis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  redis.on('error', () => {});
  try {
    await redis.connect();
    const reply = await redis.ping();
    return reply === 'PONG' ? undefined : `unexpected reply ${reply}`;
  } catch (error) {
    return (error as Error).message;
  } finally {
    redis.disconnect();
  }
}

export function findOnPath(command: string): string | undefined {
  for (const dir of executableSearchPath()) {
    const candidate = path.join(dir, command);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/**
 * What to install when there is no Redis: for `pnpm start` and `pnpm test` alike. `variable` is the
 * environment variable that names an existing Redis instead (REDIS_URL or TEST_REDIS_URL).
 */
export const howToGetRedis = (command: string, variable: string) =>
  `Redis is required (BullMQ keeps the queues and deadline schedules in it), and none was found:
  - ${variable} is not set,
  - nothing answers on ${LOCAL_REDIS_URL},
  - there is no redis-server on PATH.
Get one of:
  - Debian/Ubuntu: sudo apt-get install redis-server   (then re-run ${command}; it starts redis-server itself)
  - macOS:         brew install redis                  (likewise)
  - a container:   docker run -d -p 6379:6379 redis:7 redis-server --appendonly yes --maxmemory-policy noeviction
  - elsewhere:     ${variable}=redis://host:6379 ${command}`;

/** Stops a redis-server a dead launcher left behind, if its pid file names one. */
async function stopLeftover(pidFile: string, say: (message: string) => void) {
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  // Only where we can tell it really is redis-server (pids are reused).
  let commandLine = '';
  try {
    commandLine = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return;
  }
  if (!commandLine.includes('redis-server')) return;
  say(`stopping redis-server left running by an earlier launcher (pid ${pid})`);
  process.kill(pid, 'SIGTERM');
  if (!(await waitForPidExit(pid, 15_000))) throw new LauncherError(`redis-server (pid ${pid}) did not stop`);
}

export async function resolveRedis(options: {
  url?: string;
  dataDir: string;
  port?: number;
  say: (message: string) => void;
}): Promise<ResolvedRedis> {
  const { say } = options;
  if (options.url) {
    const problem = await pingRedis(options.url, 5000);
    if (problem) throw new LauncherError(`REDIS_URL does not answer PING: ${problem}`);
    return { url: options.url, source: 'REDIS_URL' };
  }

  const redisDir = path.join(options.dataDir, 'redis');
  const pidFile = path.join(redisDir, 'redis.pid');
  await stopLeftover(pidFile, say);

  if (!(await pingRedis(LOCAL_REDIS_URL))) return { url: LOCAL_REDIS_URL, source: 'localhost' };

  const binary = findOnPath('redis-server');
  if (!binary) throw new LauncherError(howToGetRedis('pnpm start', 'REDIS_URL'));

  fs.mkdirSync(redisDir, { recursive: true });
  const port = await choosePort(options.port ?? 6379, options.port !== undefined, 'redis-server');
  const logFile = path.join(options.dataDir, 'redis.log');
  say(`starting ${binary} on 127.0.0.1:${port} (append-only file in ${redisDir}, log: ${logFile})`);
  const started = await startRedisServer({ binary, port, dir: redisDir, logFile, pidFile, persistent: true });
  return { ...started, source: 'spawned' };
}

export interface RunningRedis {
  url: string;
  pid: number;
  stop: () => Promise<void>;
  /** Last resort when our process exits abruptly: signal redis-server without waiting. */
  kill: () => void;
}

/**
 * Starts `binary` on 127.0.0.1:`port` in its own process group (so Ctrl-C reaches us only and Redis
 * outlives the workers' drain) and waits until it answers PING. `persistent`: an append-only file in
 * `dir`; otherwise nothing is written to disk (the test suite's Redis).
 */
export async function startRedisServer(options: {
  binary: string;
  port: number;
  dir: string;
  logFile: string;
  pidFile?: string;
  persistent: boolean;
}): Promise<RunningRedis> {
  const { binary, port, dir, logFile } = options;
  const persistence = options.persistent ? ['--appendonly', 'yes'] : ['--appendonly', 'no', '--save', ''];
  const log = fs.openSync(logFile, 'a');
  const child = spawn(
    binary,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      ...persistence,
      // BullMQ requires that Redis never evicts keys.
      '--maxmemory-policy',
      'noeviction',
      ...(options.pidFile ? ['--pidfile', options.pidFile] : []),
      '--daemonize',
      'no',
    ],
    { stdio: ['ignore', log, log], detached: true },
  );
  fs.closeSync(log);
  let gone: string | undefined;
  void exitOf(child).then((how) => (gone = how));

  const url = `redis://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (gone) throw new LauncherError(`redis-server ${gone}:\n${tailOf(logFile)}`);
    const problem = await pingRedis(url, 500);
    if (!problem) break;
    if (Date.now() > deadline) {
      await stopChild(child, 'SIGTERM', 10_000);
      throw new LauncherError(`redis-server did not answer PING: ${problem}\n${tailOf(logFile)}`);
    }
    await sleep(100);
  }
  return {
    url,
    pid: child.pid as number,
    // SIGTERM: Redis flushes the append-only file (if any) and exits.
    stop: () => stopChild(child, 'SIGTERM', 15_000),
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    },
  };
}
