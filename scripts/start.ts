/**
 * `pnpm start`: the whole federation on one machine, in one process.
 *
 * PostgreSQL: `DATABASE_URL`, or an embedded cluster under `.data/postgres`. Redis: `REDIS_URL`, or
 * localhost:6379, or a `redis-server` from PATH started here. Then every service of
 * @jianguan/federation gets its database roles (scripts/dev-roles.ts), is migrated by its owner role,
 * and its subgraph server and worker are started on its default port as its runtime role,
 * the supergraph is composed from the running code, and the gateway starts in front of them.
 * SIGINT/SIGTERM stop it all in order: gateway, subgraphs, workers, then the databases we started.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, type RunningProcess } from '@jianguan/platform';
import {
  composeSupergraph,
  DEFAULT_SUPERGRAPH_PATH,
  startGateway,
  subgraphSecretVariable,
  subgraphUrlVariable,
} from '@jianguan/gateway';
import { registryService } from '@jianguan/registry';
import { federationServices } from '@jianguan/federation';
import { migrateWithRoles } from './dev-roles';
import {
  jwksOf,
  LauncherError,
  loadDevSecrets,
  loadLauncherEnv,
  passThroughEnv,
  resolveSigningKey,
  subgraphSecretFromEnv,
  type DevSecrets,
  type LauncherEnv,
} from './dev-env';
import { ensureDatabase, startEmbeddedPostgres, type RunningPostgres } from './dev-postgres';
import { resolveRedis, type ResolvedRedis } from './dev-redis';
import { isPortFree } from './dev-processes';
import { demoEnvironment } from './demo/demo-env';
import { parseDemoSize, runDemo } from './demo/run-demo';
import { startBanner } from './start-banner';
import { DEFAULT_DEMO_SIZE } from '@jianguan/tools';

const USAGE = `Usage: pnpm start [--demo [--demo-size N]]

Runs every subgraph, its worker and the gateway on this machine. Configuration comes from the
environment (see docs/environment.md): DATABASE_URL, REDIS_URL, JWT_SIGNING_KEY_FILE, GATEWAY_PORT, …

  --demo           also load the Qinghai demo data set (data in .data/demo) and print queries per role
  --demo-size N    institutions in the demo data set (default ${DEFAULT_DEMO_SIZE})`;

/** Set by --demo: load the demo data set once the stack is up. */
interface DemoOptions {
  size: number;
  /** The environment the stack runs with: the process environment plus the demo's defaults. */
  env: Record<string, string | undefined>;
}

/** Aborted on Ctrl-C, so a demo load in progress stops at its next request. */
const stopSignal = new AbortController();

const say = (message: string) => process.stderr.write(`[start] ${message}\n`);

/** What is running, so shutdown can stop it in the right order. */
const running: {
  gateway?: RunningProcess;
  servers: { name: string; process: RunningProcess }[];
  workers: { name: string; process: RunningProcess }[];
  postgres?: RunningPostgres;
  redis?: ResolvedRedis;
} = { servers: [], workers: [] };

class Interrupted extends Error {}
let stopRequested = false;
const ourSignalHandlers = new Set<(...args: never[]) => unknown>();

/**
 * Apollo Server installs its own SIGINT/SIGTERM handlers (stop, then re-raise the signal), which
 * would stop each server on its own schedule and make the re-raised signal look like a second
 * Ctrl-C. The launcher stops everything itself, in order, so it keeps the signals to itself.
 */
function keepSignalsToOurselves() {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(signal)) {
      if (!ourSignalHandlers.has(listener)) process.removeListener(signal, listener);
    }
  }
}

/** Called between startup steps: a Ctrl-C during startup stops at the next step and cleans up. */
const checkpoint = () => {
  keepSignalsToOurselves();
  if (stopRequested) throw new Interrupted('interrupted');
};

async function stopAll(): Promise<boolean> {
  let clean = true;
  const attempt = async (what: string, stop: () => Promise<void>) => {
    try {
      await stop();
    } catch (error) {
      clean = false;
      say(`stopping ${what} failed: ${(error as Error).message}`);
    }
  };
  if (running.gateway) await attempt('the gateway', running.gateway.stop);
  running.gateway = undefined;
  // Subgraphs first (no new work), then workers (let in-flight jobs finish), all in parallel per group.
  await Promise.all(running.servers.map((s) => attempt(`the ${s.name} subgraph`, s.process.stop)));
  running.servers = [];
  await Promise.all(running.workers.map((w) => attempt(`the ${w.name} worker`, w.process.stop)));
  running.workers = [];
  if (running.redis?.stop) await attempt('redis-server', running.redis.stop);
  running.redis = undefined;
  if (running.postgres) await attempt('embedded PostgreSQL', running.postgres.stop);
  running.postgres = undefined;
  return clean;
}

/** Before touching anything: the ports we are going to listen on must be free. */
async function checkPorts(env: LauncherEnv) {
  const wanted = [
    { port: env.GATEWAY_PORT, what: 'the gateway' },
    ...federationServices.map((service) => ({
      port: service.defaultPort,
      what: `the ${service.name} subgraph`,
    })),
  ];
  const busy: string[] = [];
  for (const { port, what } of wanted) {
    if (!(await isPortFree(port, env.HOST))) busy.push(`${env.HOST}:${port} (${what})`);
  }
  if (busy.length > 0) {
    throw new LauncherError(
      `These ports are in use: ${busy.join(', ')}.\nIs another \`pnpm start\` running? Stop it first` +
        ' (or set GATEWAY_PORT for the gateway).',
    );
  }
}

/** Warns when gateway/supergraph.graphql (what deployments use) lags behind the subgraph schemas. */
function warnIfCommittedSupergraphIsStale(composed: string) {
  const normalise = (sdl: string) =>
    sdl
      .split('\n')
      .filter((line) => !line.startsWith('#'))
      .join('\n')
      .replace(/url: "[^"]*"/g, 'url: ""')
      .trim();
  let committed: string;
  try {
    committed = fs.readFileSync(DEFAULT_SUPERGRAPH_PATH, 'utf8');
  } catch {
    say(
      `note: ${path.relative(process.cwd(), DEFAULT_SUPERGRAPH_PATH)} does not exist yet; run \`pnpm compose\``,
    );
    return;
  }
  if (normalise(committed) !== normalise(composed)) {
    say(
      `note: ${path.relative(process.cwd(), DEFAULT_SUPERGRAPH_PATH)} is out of date with the subgraph schemas ` +
        '(this launcher composes its own); run `pnpm compose`',
    );
  }
}

const maskPassword = (url: string) => {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
};

async function startStack(env: LauncherEnv, demo?: DemoOptions) {
  await checkPorts(env);
  checkpoint();

  const names = federationServices.map((service) => service.name);
  const envSecrets = Object.fromEntries(names.map((name) => [name, subgraphSecretFromEnv(name)]));
  const needsFile = !env.JWT_SIGNING_KEY_FILE || names.some((name) => !envSecrets[name]) || !env.DATABASE_URL;
  const devSecrets: DevSecrets | undefined = needsFile
    ? loadDevSecrets(env.JIANGUAN_DATA_DIR, { subgraphs: names, postgresPassword: !env.DATABASE_URL })
    : undefined;
  // The launcher is the issuer: it keeps the private key; the services get the public key only.
  const signingKey = resolveSigningKey(env, devSecrets);
  const subgraphSecret = (name: string) =>
    envSecrets[name] ?? (devSecrets as DevSecrets).subgraphSecrets[name];

  // Redis first: finding none is quick, and then there is no database to stop again.
  running.redis = await resolveRedis({
    url: env.REDIS_URL,
    dataDir: env.JIANGUAN_DATA_DIR,
    port: env.EMBEDDED_REDIS_PORT,
    say,
  });
  if (running.redis.source !== 'spawned') say(`using the Redis on ${maskPassword(running.redis.url)}`);
  checkpoint();

  let databaseUrl: string;
  if (env.DATABASE_URL) {
    say(`using DATABASE_URL ${maskPassword(env.DATABASE_URL)}`);
    await ensureDatabase(env.DATABASE_URL, say);
    databaseUrl = env.DATABASE_URL;
  } else {
    running.postgres = await startEmbeddedPostgres({
      dataDir: env.JIANGUAN_DATA_DIR,
      password: (devSecrets as DevSecrets).postgresPassword as string,
      port: env.EMBEDDED_POSTGRES_PORT,
      say,
    });
    databaseUrl = running.postgres.url;
  }
  checkpoint();

  // As the administrator: each service's roles and schema; then its owner migrates. The services
  // themselves connect as their runtime roles only (docs/security.md, "Database roles").
  const serviceUrls = await migrateWithRoles(federationServices, databaseUrl, env.JIANGUAN_DATA_DIR, say);
  checkpoint();

  const common: Record<string, string | undefined> = {
    // Service-specific settings (poll intervals, reminder offsets, …) pass through from our environment.
    ...passThroughEnv(demo?.env),
    NODE_ENV: env.NODE_ENV,
    LOG_LEVEL: env.LOG_LEVEL,
    // The administrator's URL stays here: each service gets its runtime role's below.
    DATABASE_URL: undefined,
    REDIS_URL: running.redis.url,
    QUEUE_PREFIX: env.QUEUE_PREFIX,
    JWT_JWKS: jwksOf(signingKey),
    JWT_ISSUER: env.JWT_ISSUER,
    JWT_AUDIENCE: env.JWT_AUDIENCE,
    HOST: env.HOST,
    SHUTDOWN_GRACE_SECONDS: String(env.SHUTDOWN_GRACE_SECONDS),
  };
  const gatewayEnv: Record<string, string | undefined> = {
    ...common,
    PORT: String(env.GATEWAY_PORT),
    SUPERGRAPH_PATH: path.join(env.JIANGUAN_DATA_DIR, 'supergraph.graphql'),
  };
  const subgraphUrls: Record<string, string> = {};
  for (const service of federationServices) {
    const serviceEnv = {
      ...common,
      PORT: String(service.defaultPort),
      DATABASE_URL: serviceUrls[service.name].runtimeUrl,
      SUBGRAPH_SECRET: subgraphSecret(service.name),
      // Each worker keeps its own default port (9101–9105); one WORKER_PORT would clash.
      WORKER_PORT: undefined,
    };
    const server = await service.startServer(serviceEnv);
    running.servers.push({ name: service.name, process: server });
    subgraphUrls[service.name] = server.url;
    gatewayEnv[subgraphUrlVariable(service.name)] = server.url;
    gatewayEnv[subgraphSecretVariable(service.name)] = subgraphSecret(service.name);
    checkpoint();
    running.workers.push({ name: service.name, process: await service.startWorker(serviceEnv) });
    checkpoint();
  }

  // Composed from the code that is running, so the gateway never routes by a stale supergraph.
  const supergraph = composeSupergraph(
    federationServices.map((service) => ({
      name: service.name,
      typeDefs: service.typeDefs,
      url: subgraphUrls[service.name],
    })),
  );
  warnIfCommittedSupergraphIsStale(supergraph);
  fs.writeFileSync(gatewayEnv.SUPERGRAPH_PATH as string, supergraph);

  const gateway = await startGateway(gatewayEnv);
  running.gateway = gateway;
  checkpoint();

  process.stdout.write(
    startBanner({
      gatewayUrl: gateway.url,
      subgraphUrls,
      databaseUrl: `${maskPassword(databaseUrl)}${running.postgres ? '  (embedded)' : ''}`,
      redisUrl: `${running.redis.url}${running.redis.source === 'spawned' ? '  (started by this launcher)' : ''}`,
    }),
  );

  if (demo) {
    try {
      const printed = await runDemo({
        gatewayUrl: gateway.url,
        // The registry's bulk import writes as the registry's runtime role, like its mutations.
        databaseUrl: serviceUrls[registryService.name].runtimeUrl,
        keys: signingKey,
        dataDir: env.JIANGUAN_DATA_DIR,
        size: demo.size,
        signal: stopSignal.signal,
        say,
      });
      process.stdout.write(`${printed}\nCtrl-C stops everything.\n`);
    } catch (error) {
      checkpoint();
      throw error;
    }
  }
}

function describe(error: unknown): string {
  if (error instanceof LauncherError || error instanceof ConfigError) return error.message;
  if (error instanceof Error) return error.stack ?? error.message;
  return String(error);
}

async function main() {
  let demo: DemoOptions | undefined;
  try {
    const { values } = parseArgs({
      options: {
        help: { type: 'boolean', short: 'h' },
        demo: { type: 'boolean' },
        'demo-size': { type: 'string' },
      },
      strict: true,
    });
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return;
    }
    if (values['demo-size'] !== undefined && !values.demo) throw new Error('--demo-size needs --demo');
    if (values.demo) {
      demo = { size: parseDemoSize(values['demo-size'], DEFAULT_DEMO_SIZE), env: demoEnvironment() };
    }
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    process.exit(2);
  }

  let env: LauncherEnv;
  try {
    env = loadLauncherEnv(demo?.env);
  } catch (error) {
    process.stderr.write(`${describe(error)}\n`);
    process.exit(1);
  }

  // Last resort if we die without a clean stop: do not leave our database processes behind.
  process.on('exit', () => {
    running.postgres?.kill();
    running.redis?.kill?.();
  });

  let stopping: Promise<void> | undefined;
  const startup = startStack(env, demo);
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) {
      say(`${signal} again: exiting without waiting`);
      process.exit(130);
    }
    stopRequested = true;
    stopSignal.abort();
    say(`${signal}: shutting down (press Ctrl-C again to exit at once)`);
    const force = setTimeout(
      () => {
        say('shutdown is taking too long; exiting');
        process.exit(1);
      },
      (env.SHUTDOWN_GRACE_SECONDS + 45) * 1000,
    );
    force.unref();
    stopping = startup
      .catch(() => {})
      .then(stopAll)
      .then((clean) => {
        say(clean ? 'stopped' : 'stopped, with errors');
        process.exit(clean ? 0 : 1);
      });
  };
  ourSignalHandlers.add(shutdown);
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);

  try {
    await startup;
  } catch (error) {
    if (error instanceof Interrupted) return; // shutdown() takes it from here
    say(`failed to start:\n${describe(error)}`);
    stopRequested = true;
    await stopAll();
    process.exit(1);
  }
}

void main();
