import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { childProcessEnv } from '@jianguan/testing';
import { federationServices } from '../federation';

const ROOT = path.resolve(__dirname, '..', '..');
const FILE = path.join(ROOT, 'docker-compose.yml');
const GATEWAY_PORT = 4000;
const WORKER_PORTS: Record<string, number> = {
  registry: 9101,
  'qualification-review': 9102,
  'online-course-filing': 9103,
  enforcement: 9104,
  'public-list': 9105,
};
const envName = (name: string) => name.toUpperCase().replace(/-/g, '_');

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string | number | null>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test?: string[] };
  ports?: string[];
  restart?: string;
  volumes?: string[];
  read_only?: boolean;
  cap_drop?: string[];
}

// `<<: *node` merge keys are YAML 1.1; compose resolves them, so must the parser.
const compose = parse(readFileSync(FILE, 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
};
const services = compose.services;
const environment = (name: string): Record<string, string> =>
  Object.fromEntries(
    Object.entries(services[name]?.environment ?? {}).map(([key, value]) => [key, String(value ?? '')]),
  );
const healthUrl = (name: string) => JSON.stringify(services[name].healthcheck?.test);
/** A one-shot service: it runs to completion instead of staying up. */
const oneShot = (service: ComposeService) => service.restart === 'no';

describe('docker-compose.yml', () => {
  it.each(federationServices.map((service) => [service.name, service.defaultPort] as const))(
    'runs the %s migration, then its subgraph on port %i and its worker, from its Dockerfile',
    (name, port) => {
      const image = `jianguan/${name}:\${JIANGUAN_TAG:-latest}`;
      const build = { context: '.', dockerfile: `services/${name}/Dockerfile` };
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

  it('starts the gateway from its Dockerfile after every subgraph is healthy, with a URL and secret for each', () => {
    const gateway = services.gateway;
    expect(gateway.build).toEqual({ context: '.', dockerfile: 'gateway/Dockerfile' });
    expect(gateway.command).toEqual(['node', 'src/server.js']);
    expect(gateway.ports).toEqual([`127.0.0.1:${GATEWAY_PORT}:${GATEWAY_PORT}`]);
    expect(healthUrl('gateway')).toContain(`:${GATEWAY_PORT}/readyz`);
    const env = environment('gateway');
    expect(env.PORT).toBe(String(GATEWAY_PORT));
    expect(env.SUPERGRAPH_PATH).toBe('/app/supergraph.graphql');
    expect(gateway.depends_on).toEqual(
      Object.fromEntries(federationServices.map(({ name }) => [name, { condition: 'service_healthy' }])),
    );
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

  it('gives every long-running service a health check, and every one-shot service nothing to restart', () => {
    for (const [name, service] of Object.entries(services)) {
      const expected = oneShot(service) ? undefined : expect.any(Array);
      expect({ name, healthcheck: service.healthcheck?.test }).toEqual({ name, healthcheck: expected });
    }
  });

  it('depends only on services that exist, with a condition each can meet', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const [target, { condition }] of Object.entries(service.depends_on ?? {})) {
        const dependency = services[target];
        const meetable =
          (condition === 'service_healthy' && !!dependency?.healthcheck) ||
          (condition === 'service_completed_successfully' && !!dependency && oneShot(dependency));
        expect({ name, target, condition, meetable }).toEqual({ name, target, condition, meetable: true });
      }
    }
  });

  it('locks the Node containers down: read-only root file system, no capabilities', () => {
    for (const [name, service] of Object.entries(services)) {
      if (!service.build) continue;
      expect({ name, read_only: service.read_only, cap_drop: service.cap_drop }).toEqual({
        name,
        read_only: true,
        cap_drop: ['ALL'],
      });
    }
  });

  it('commits no secret: every password and secret comes from the environment', () => {
    const text = readFileSync(FILE, 'utf8');
    for (const [name] of Object.entries(services)) {
      for (const [key, value] of Object.entries(environment(name))) {
        if (!/SECRET|PASSWORD|AUTH/.test(key)) continue;
        expect({ name, key, value }).toEqual({ name, key, value: expect.stringMatching(/^\$\{[A-Z_]+:\?/) });
      }
    }
    expect(text).not.toMatch(/POSTGRES_PASSWORD:-/);
    for (const url of text.match(/(postgres|redis):\/\/[^\s'"]+/g) ?? []) {
      expect(url).toMatch(/\$\{(POSTGRES|REDIS)_PASSWORD:\?/);
    }
  });

  it('is accepted by `docker-compose config -q` where docker-compose is installed', () => {
    if (spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status !== 0) {
      console.warn('docker-compose is not installed here: `docker-compose config -q` was not run');
      return;
    }
    const secrets = Object.fromEntries(
      federationServices.map(({ name }) => [`SUBGRAPH_${envName(name)}_SECRET`, 'x'.repeat(24)]),
    );
    // Throws (with compose's message) when the file is invalid.
    execFileSync('docker-compose', ['-f', FILE, 'config', '-q'], {
      cwd: ROOT,
      env: childProcessEnv({
        JWT_SECRET: 'x'.repeat(48),
        POSTGRES_PASSWORD: 'p'.repeat(24),
        REDIS_PASSWORD: 'r'.repeat(24),
        ...secrets,
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 30_000,
    });
  });
});
