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
import type { SigningKey } from '@jianguan/platform';
import {
  composeSupergraph,
  startGateway,
  subgraphSecretVariable,
  subgraphUrlVariable,
} from '@jianguan/gateway';
import { registryService } from '@jianguan/registry';
import { federationServices } from '@jianguan/federation';
import { migrateWithRoles } from './dev-roles';
import {
  jwksOf,
  loadDevSecrets,
  loadLauncherEnv,
  passThroughEnv,
  resolveSigningKey,
  subgraphSecretFromEnv,
  type DevSecrets,
  type LauncherEnv,
} from './dev-env';
import { ensureDatabase, startEmbeddedPostgres } from './dev-postgres';
import { resolveRedis } from './dev-redis';
import { demoEnvironment } from './demo/demo-env';
import { parseDemoSize, runDemo } from './demo/run-demo';
import { startBanner } from './start-banner';
import { checkPorts, describe, maskPassword, warnIfCommittedSupergraphIsStale } from './start-checks';
import {
  checkpoint,
  Interrupted,
  onStopSignals,
  requestStop,
  running,
  say,
  stopAll,
  stopSignal,
} from './start-supervision';
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

/** The signing key and each subgraph's secret: from the environment, or the dev secrets file. */
function resolveSecrets(env: LauncherEnv) {
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
  return { devSecrets, signingKey, subgraphSecret };
}

/** Redis, then PostgreSQL (the given one or an embedded cluster); the administrator's database URL. */
async function startDatabases(env: LauncherEnv, devSecrets: DevSecrets | undefined): Promise<string> {
  // Redis first: finding none is quick, and then there is no database to stop again.
  running.redis = await resolveRedis({
    url: env.REDIS_URL,
    dataDir: env.JIANGUAN_DATA_DIR,
    port: env.EMBEDDED_REDIS_PORT,
    say,
  });
  if (running.redis.source !== 'spawned') say(`using the Redis on ${maskPassword(running.redis.url)}`);
  checkpoint();

  if (env.DATABASE_URL) {
    say(`using DATABASE_URL ${maskPassword(env.DATABASE_URL)}`);
    await ensureDatabase(env.DATABASE_URL, say);
    return env.DATABASE_URL;
  }
  running.postgres = await startEmbeddedPostgres({
    dataDir: env.JIANGUAN_DATA_DIR,
    password: (devSecrets as DevSecrets).postgresPassword as string,
    port: env.EMBEDDED_POSTGRES_PORT,
    say,
  });
  return running.postgres.url;
}

/**
 * Every subgraph and its worker (each as its runtime role), then the gateway on a supergraph composed
 * from the code that is running; the gateway and the subgraphs' URLs.
 */
async function startServices(
  env: LauncherEnv,
  demo: DemoOptions | undefined,
  serviceUrls: Awaited<ReturnType<typeof migrateWithRoles>>,
  secrets: { signingKey: SigningKey; subgraphSecret: (name: string) => string },
) {
  const common: Record<string, string | undefined> = {
    // Service-specific settings (poll intervals, reminder offsets, …) pass through from our environment.
    ...passThroughEnv(demo?.env),
    NODE_ENV: env.NODE_ENV,
    LOG_LEVEL: env.LOG_LEVEL,
    // The administrator's URL stays here: each service gets its runtime role's below.
    DATABASE_URL: undefined,
    REDIS_URL: running.redis?.url,
    QUEUE_PREFIX: env.QUEUE_PREFIX,
    JWT_JWKS: jwksOf(secrets.signingKey),
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
      SUBGRAPH_SECRET: secrets.subgraphSecret(service.name),
      // Each worker keeps its own default port (9101–9105); one WORKER_PORT would clash.
      WORKER_PORT: undefined,
    };
    const server = await service.startServer(serviceEnv);
    running.servers.push({ name: service.name, process: server });
    subgraphUrls[service.name] = server.url;
    gatewayEnv[subgraphUrlVariable(service.name)] = server.url;
    gatewayEnv[subgraphSecretVariable(service.name)] = secrets.subgraphSecret(service.name);
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
  warnIfCommittedSupergraphIsStale(supergraph, say);
  fs.writeFileSync(gatewayEnv.SUPERGRAPH_PATH as string, supergraph);

  const gateway = await startGateway(gatewayEnv);
  running.gateway = gateway;
  checkpoint();
  return { gateway, subgraphUrls };
}

async function startStack(env: LauncherEnv, demo?: DemoOptions) {
  await checkPorts(env);
  checkpoint();
  const secrets = resolveSecrets(env);
  const databaseUrl = await startDatabases(env, secrets.devSecrets);
  checkpoint();

  // As the administrator: each service's roles and schema; then its owner migrates. The services
  // themselves connect as their runtime roles only (docs/security.md, "Database roles").
  const serviceUrls = await migrateWithRoles(federationServices, databaseUrl, env.JIANGUAN_DATA_DIR, say);
  checkpoint();

  const { gateway, subgraphUrls } = await startServices(env, demo, serviceUrls, secrets);
  const redis = running.redis!;
  process.stdout.write(
    startBanner({
      gatewayUrl: gateway.url,
      subgraphUrls,
      databaseUrl: `${maskPassword(databaseUrl)}${running.postgres ? '  (embedded)' : ''}`,
      redisUrl: `${redis.url}${redis.source === 'spawned' ? '  (started by this launcher)' : ''}`,
    }),
  );

  if (demo) {
    try {
      const printed = await runDemo({
        gatewayUrl: gateway.url,
        // The registry's bulk import writes as the registry's runtime role, like its mutations.
        databaseUrl: serviceUrls[registryService.name].runtimeUrl,
        keys: secrets.signingKey,
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
    requestStop();
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
  onStopSignals(shutdown);

  try {
    await startup;
  } catch (error) {
    if (error instanceof Interrupted) return; // shutdown() takes it from here
    say(`failed to start:\n${describe(error)}`);
    requestStop();
    await stopAll();
    process.exit(1);
  }
}

void main();
