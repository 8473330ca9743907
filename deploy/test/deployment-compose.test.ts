import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { childProcessEnv } from '@jianguan/testing';
import { federationServices } from '@jianguan/federation';
import { composeProblems, type ComposeFile } from '../src/deployment-compose';
import { envName, GATEWAY_PORT, ROOT, WORKER_PORTS } from './support/deployment';

const FILE = path.join(ROOT, 'docker-compose.yml');

// `<<: *node` merge keys are YAML 1.1; compose resolves them, so must the parser.
const compose = parse(readFileSync(FILE, 'utf8'), { merge: true }) as ComposeFile;
const services = compose.services;
const environment = (name: string): Record<string, string> =>
  Object.fromEntries(
    Object.entries(services[name]?.environment ?? {}).map(([key, value]) => [key, String(value ?? '')]),
  );
const healthUrl = (name: string) => JSON.stringify(services[name].healthcheck?.test);

describe('docker-compose.yml', () => {
  it.each(federationServices.map((service) => [service.name, service.defaultPort] as const))(
    'runs the %s migration, then its subgraph on port %i and its worker, from the one Dockerfile',
    (name, port) => {
      const image = `jianguan/${name}:\${JIANGUAN_TAG:-latest}`;
      const build = {
        context: '.',
        dockerfile: 'deploy/Dockerfile',
        args: { PACKAGE: `services/${name}`, PORT: String(port), WORKER_PORT: String(WORKER_PORTS[name]) },
      };
      expect(existsSync(path.join(ROOT, build.dockerfile))).toBe(true);
      const secret = `\${SUBGRAPH_${envName(name)}_SECRET:?`;

      const migrate = services[`migrate-${name}`];
      expect(migrate).toMatchObject({ image, build, command: ['node', 'migrate.js'], restart: 'no' });
      expect(migrate.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });

      const dependencies = {
        [`migrate-${name}`]: { condition: 'service_completed_successfully' },
        redis: { condition: 'service_healthy' },
      };
      expect(services[name]).toMatchObject({ image, build, command: ['node', 'src/server.js'] });
      expect(services[name].depends_on).toEqual(dependencies);
      expect(environment(name).PORT).toBe(String(port));
      expect(environment(name).SUBGRAPH_SECRET).toContain(secret);
      expect(healthUrl(name)).toContain(`http://127.0.0.1:${port}/readyz`);

      const worker = `${name}-worker`;
      expect(services[worker]).toMatchObject({ image, build, command: ['node', 'src/worker.js'] });
      expect(services[worker].depends_on).toEqual(dependencies);
      expect(environment(worker).WORKER_PORT).toBe(String(WORKER_PORTS[name]));
      expect(environment(worker).SUBGRAPH_SECRET).toContain(secret);
      expect(healthUrl(worker)).toContain(`http://127.0.0.1:${WORKER_PORTS[name]}/readyz`);
    },
  );

  it.each(federationServices.map((service) => [service.name, service.schema] as const))(
    'provisions and migrates %s with its owner role, and runs it as its runtime role only',
    (name, schema) => {
      const role = (url: string) => decodeURIComponent(new URL(url.replace(/\$\{[^}]*\}/, 'x')).username);
      const runtime = `postgres://jianguan_${schema}:\${${envName(name)}_DB_PASSWORD:?`;
      const migrate = environment(`migrate-${name}`);
      expect(role(migrate.DATABASE_ADMIN_URL)).toBe('jianguan');
      expect(migrate.DATABASE_ADMIN_URL).toContain('${POSTGRES_PASSWORD:?');
      expect(migrate.DATABASE_OWNER_URL).toContain(
        `postgres://jianguan_${schema}_owner:\${${envName(name)}_DB_OWNER_PASSWORD:?`,
      );
      expect(migrate.DATABASE_URL).toContain(runtime);
      for (const process of [name, `${name}-worker`]) {
        const env = environment(process);
        expect(env.DATABASE_URL).toContain(runtime);
        // Neither the administrator's nor the owner's password reaches a long-running process.
        expect(Object.values(env).join(' ')).not.toMatch(/POSTGRES_PASSWORD|_DB_OWNER_PASSWORD/);
      }
    },
  );

  it('gives the administrator password to no long-running process', () => {
    for (const [name, service] of Object.entries(services)) {
      if (name === 'postgres' || name.startsWith('migrate-')) continue;
      expect({ name, env: JSON.stringify(service.environment ?? {}) }).toEqual({
        name,
        env: expect.not.stringContaining('POSTGRES_PASSWORD'),
      });
    }
  });

  it('starts the gateway from the one Dockerfile after every subgraph is healthy, with a URL and secret for each', () => {
    const gateway = services.gateway;
    expect(gateway.build).toEqual({
      context: '.',
      dockerfile: 'deploy/Dockerfile',
      args: { PACKAGE: 'gateway', PORT: String(GATEWAY_PORT) },
    });
    expect(gateway.command).toEqual(['node', 'src/server.js']);
    expect(gateway.ports).toEqual([`127.0.0.1:${GATEWAY_PORT}:${GATEWAY_PORT}`]);
    expect(healthUrl('gateway')).toContain(`:${GATEWAY_PORT}/readyz`);
    const env = environment('gateway');
    expect(env.PORT).toBe(String(GATEWAY_PORT));
    expect(env.SUPERGRAPH_PATH).toBe('/app/supergraph.graphql');
    expect(gateway.depends_on).toEqual({
      ...Object.fromEntries(federationServices.map(({ name }) => [name, { condition: 'service_healthy' }])),
      // public-list's change announcements, which the gateway's answer cache follows.
      redis: { condition: 'service_healthy' },
    });
    expect(env.REDIS_URL).toContain('@redis:6379');
    for (const { name, defaultPort } of federationServices) {
      expect(env[`SUBGRAPH_${envName(name)}_URL`]).toBe(`http://${name}:${defaultPort}/graphql`);
      expect(env[`SUBGRAPH_${envName(name)}_SECRET`]).toContain(`\${SUBGRAPH_${envName(name)}_SECRET:?`);
    }
  });

  it('keeps PostgreSQL in a named volume and Redis with AOF on and noeviction', () => {
    expect(services.postgres.volumes).toEqual(['postgres-data:/var/lib/postgresql/data']);
    expect(services.redis.volumes).toEqual(['redis-data:/data']);
    expect(Object.keys(compose.volumes ?? {})).toEqual(['postgres-data', 'redis-data']);
    const redis = services.redis.command!.join(' ');
    expect(redis).toContain('--appendonly yes');
    expect(redis).toContain('--maxmemory-policy noeviction');
  });

  it('follows the compose rules: builds that exist, health checks, meetable dependencies, lock-down, no committed secret', () => {
    expect(composeProblems(compose, ROOT)).toEqual([]);
    expect(readFileSync(FILE, 'utf8')).not.toMatch(/POSTGRES_PASSWORD:-/);
  });

  describe('rejects a deliberately broken copy', () => {
    const broken = (change: (copy: ComposeFile) => void) => {
      const copy = structuredClone(compose);
      change(copy);
      return composeProblems(copy, ROOT);
    };

    it.each<[string, (copy: ComposeFile) => void, string]>([
      [
        'a dependency on a missing service',
        (copy) => {
          (copy.services.gateway.depends_on as Record<string, object>).registri = {
            condition: 'service_healthy',
          };
        },
        'gateway: depends on registri, which does not exist',
      ],
      [
        'a wait for the health of a service without a health check',
        (copy) => delete copy.services.redis.healthcheck,
        'registry: waits for redis to be healthy, but it has no healthcheck',
      ],
      [
        'a wait for a migration that restarts',
        (copy) => delete copy.services['migrate-enforcement'].restart,
        'enforcement: waits for migrate-enforcement to complete, but it restarts',
      ],
      [
        'a committed secret',
        (copy) => {
          copy.services.gateway.environment!.SUBGRAPH_REGISTRY_SECRET =
            'a-secret-someone-committed-by-mistake';
        },
        'gateway: SUBGRAPH_REGISTRY_SECRET is not taken from a required environment variable',
      ],
      [
        "the token issuer's private key given to a service",
        (copy) => {
          copy.services.registry.environment!.JWT_SIGNING_KEY_FILE = '${JWT_SIGNING_KEY_FILE:?set it}';
        },
        'registry: JWT_SIGNING_KEY_FILE would let it sign tokens; give it the public keys (JWT_JWKS) only',
      ],
      [
        'a committed database password',
        (copy) => {
          copy.services.registry.environment!.DATABASE_URL =
            'postgres://jianguan:hunter2@postgres:5432/jianguan';
        },
        'registry: DATABASE_URL holds a password that is not a required environment variable',
      ],
      [
        'a Dockerfile that does not exist',
        (copy) => {
          copy.services['public-list'].build!.dockerfile = 'services/public-lists/Dockerfile';
        },
        'public-list: services/public-lists/Dockerfile does not exist',
      ],
      [
        'a build of a package that does not exist',
        (copy) => {
          copy.services['public-list'].build!.args!.PACKAGE = 'services/public-lists';
        },
        'public-list: the build argument PACKAGE=services/public-lists is not a workspace package',
      ],
      [
        'a writable container',
        (copy) => delete copy.services['registry-worker'].read_only,
        'registry-worker: not locked down (read_only: true and cap_drop: [ALL])',
      ],
      [
        'a Redis without a password',
        (copy) => {
          copy.services.redis.command = ['redis-server', '--appendonly', 'yes'];
        },
        'redis: Redis runs without a password (--requirepass)',
      ],
      [
        'a Redis client without the password',
        (copy) => {
          copy.services.gateway.environment!.REDIS_URL = 'redis://redis:6379';
        },
        'gateway: REDIS_URL carries no password',
      ],
      [
        'a port open on every interface',
        (copy) => {
          copy.services.gateway.ports = ['4000:4000'];
        },
        'gateway: port 4000:4000 is not bound to an address',
      ],
    ])('%s', (_name, change, problem) => {
      expect(broken(change)).toContain(problem);
    });
  });

  it('is accepted by `docker-compose config -q` where docker-compose is installed', () => {
    if (spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status !== 0) {
      console.warn('docker-compose is not installed here: `docker-compose config -q` was not run');
      return;
    }
    const secrets = Object.fromEntries(
      federationServices.flatMap(({ name }) =>
        [
          `SUBGRAPH_${envName(name)}_SECRET`,
          `${envName(name)}_DB_PASSWORD`,
          `${envName(name)}_DB_OWNER_PASSWORD`,
        ].map((variable) => [variable, 'x'.repeat(24)]),
      ),
    );
    // Throws (with compose's message) when the file is invalid.
    execFileSync('docker-compose', ['-f', FILE, 'config', '-q'], {
      cwd: ROOT,
      env: childProcessEnv({
        JWT_JWKS: 'https://idp.example/.well-known/jwks.json',
        POSTGRES_PASSWORD: 'p'.repeat(24),
        REDIS_PASSWORD: 'r'.repeat(24),
        ...secrets,
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 30_000,
    });
  });
});
