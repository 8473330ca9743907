/**
 * The federation under test: a fresh bench database, every service migrated, each subgraph in its
 * own process, each service's workers in one more (as deployed), and the supergraph composed from
 * the running code.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { composeSupergraph } from '@jianguan/gateway';
import { signToken } from '@jianguan/platform';
import { federationServices } from '@jianguan/federation';
import { benchConfig, benchDatabaseUrl, childEnv, runJwks, runSigningKey } from './bench-config';
import { forkChild, type Child } from './children';

export interface Subgraph {
  name: string;
  url: string;
  secret: string;
  child: Child;
}

export interface Stack {
  databaseUrl: string;
  queuePrefix: string;
  workDir: string;
  supergraphPath: string;
  subgraphs: Subgraph[];
  /** One per service. */
  workers: Child[];
  adminToken: string;
  /** Environment shared by every process of the federation. */
  commonEnv: Record<string, string>;
  /** SQL statements sent by all subgraphs so far. */
  statements: () => Promise<number>;
  /** CPU milliseconds spent so far behind the gateways: the five subgraph processes and PostgreSQL. */
  backendCpuMillis: () => number;
}

/** Connections per subgraph (the services' default is 10; see startStack). */
export const SUBGRAPH_POOL_SIZE = 5;

import { cpuMillis, postgresCpuMillis } from './cpu';

const say = (message: string) => process.stderr.write(`[bench] ${message}\n`);

/** Drops and re-creates the bench's own database (named in BENCH_DATABASE_NAME; nothing else). */
async function freshDatabase() {
  const admin = new Client({ connectionString: benchConfig.BENCH_DATABASE_URL });
  await admin.connect();
  try {
    const name = benchConfig.BENCH_DATABASE_NAME;
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
}

export async function startStack(options: { workerEnv?: Record<string, string> } = {}): Promise<Stack> {
  say(`fresh database ${benchConfig.BENCH_DATABASE_NAME}`);
  await freshDatabase();
  for (const service of federationServices) await service.migrate(benchDatabaseUrl);

  const queuePrefix = benchConfig.BENCH_QUEUE_PREFIX;
  const commonEnv = {
    DATABASE_URL: benchDatabaseUrl,
    REDIS_URL: benchConfig.REDIS_URL,
    QUEUE_PREFIX: queuePrefix,
    JWT_JWKS: runJwks,
    // Relays wake on NOTIFY; a short fallback poll keeps seeding moving.
    OUTBOX_POLL_MS: '200',
    // The PostgreSQL is shared (max_connections 100, other people's tests hold dozens): five
    // subgraphs at the default pool of 10 plus the workers ran it out of connections.
    DATABASE_POOL_SIZE: String(SUBGRAPH_POOL_SIZE),
  };
  const subgraphs: Subgraph[] = [];
  for (const [i, service] of federationServices.entries()) {
    const secret = randomBytes(16).toString('hex');
    const port = benchConfig.BENCH_BASE_PORT + 1 + i;
    const child = await forkChild(
      `${service.name} subgraph`,
      'subgraph-main.ts',
      [service.name],
      childEnv({ ...commonEnv, PORT: String(port), SUBGRAPH_SECRET: secret }),
    );
    subgraphs.push({ name: service.name, url: child.url as string, secret, child });
  }
  say('subgraphs up');
  // One worker process per service, as deployed (each has its own WORKER_PORT default).
  const workers: Child[] = [];
  for (const service of federationServices) {
    workers.push(
      await forkChild(
        `${service.name} worker`,
        'workers-main.ts',
        [service.name],
        childEnv({
          ...commonEnv,
          SUBGRAPH_SECRET: 'workers-need-no-secret-x',
          PORT: '0',
          ...options.workerEnv,
        }),
      ),
    );
  }
  say('workers up');

  const workDir = mkdtempSync(path.join(os.tmpdir(), 'jianguan-bench-'));
  const supergraphPath = path.join(workDir, 'supergraph.graphql');
  writeFileSync(
    supergraphPath,
    composeSupergraph(
      federationServices.map((service) => ({
        name: service.name,
        typeDefs: service.typeDefs,
        url: (subgraphs.find((s) => s.name === service.name) as Subgraph).url,
      })),
    ),
  );
  const adminToken = await signToken(
    runSigningKey,
    { sub: 'bench-admin', name: '基准测试管理员', scopes: ['admin'], regionCode: '63' },
    '12h',
  );
  return {
    databaseUrl: benchDatabaseUrl,
    queuePrefix,
    workDir,
    supergraphPath,
    subgraphs,
    workers,
    adminToken,
    commonEnv,
    backendCpuMillis: () =>
      subgraphs.reduce((sum, s) => sum + cpuMillis(s.child.pid), 0) + postgresCpuMillis(),
    statements: async () => {
      const counts = await Promise.all(
        subgraphs.map((s) => s.child.ask({ type: 'statements' }, 'statements')),
      );
      return counts.reduce((sum, c) => sum + c.count, 0);
    },
  };
}
