import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { ConfigMap, Namespace, Service } from 'kubernetes-models/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { Job } from 'kubernetes-models/batch/v1';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { federationServices } from '../federation';

const ROOT = path.resolve(__dirname, '..', '..');
const GATEWAY_PORT = 4000;
const envName = (name: string) => name.toUpperCase().replace(/-/g, '_');

/** Whether `binary` can be run here (CI machines may have neither docker-compose nor kubectl). */
const available = (binary: string, args: string[]) =>
  spawnSync(binary, args, { stdio: 'ignore' }).status === 0;

interface ComposeService {
  environment?: Record<string, string | number> | string[];
  depends_on?: Record<string, unknown> | string[];
  healthcheck?: { test?: unknown };
  ports?: string[];
}

describe('docker-compose.yml', () => {
  const file = path.join(ROOT, 'docker-compose.yml');
  // `<<: *node` merge keys are YAML 1.1; compose resolves them, so must the parser.
  const compose = parse(readFileSync(file, 'utf8'), { merge: true }) as {
    services: Record<string, ComposeService>;
  };
  const services = compose.services;
  const environment = (name: string): Record<string, string> => {
    const env = services[name]?.environment ?? {};
    if (Array.isArray(env)) return Object.fromEntries(env.map((entry) => entry.split(/=(.*)/s, 2)));
    return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, String(value)]));
  };

  it.each(federationServices.map((service) => [service.name, service.defaultPort] as const))(
    'runs the %s subgraph (server on port %i, and its worker)',
    (name, port) => {
      expect(Object.keys(services)).toEqual(expect.arrayContaining([name, `${name}-worker`]));
      expect(environment(name).PORT).toBe(String(port));
      expect(JSON.stringify(services[name].healthcheck?.test)).toContain(`:${port}/readyz`);
      expect(environment(name).SUBGRAPH_SECRET).toContain(`SUBGRAPH_${envName(name)}_SECRET`);
      expect(environment(`${name}-worker`).SUBGRAPH_SECRET).toContain(`SUBGRAPH_${envName(name)}_SECRET`);
    },
  );

  it('gives the gateway a URL and a secret for every subgraph', () => {
    const env = environment('gateway');
    expect(env.PORT).toBe(String(GATEWAY_PORT));
    expect(services.gateway.ports).toContainEqual(
      expect.stringMatching(new RegExp(`:${GATEWAY_PORT}:${GATEWAY_PORT}$`)),
    );
    for (const { name, defaultPort } of federationServices) {
      expect(env[`SUBGRAPH_${envName(name)}_URL`]).toBe(`http://${name}:${defaultPort}/graphql`);
      expect(env[`SUBGRAPH_${envName(name)}_SECRET`]).toContain(`\${SUBGRAPH_${envName(name)}_SECRET`);
    }
  });

  it('depends only on services that exist', () => {
    for (const [name, service] of Object.entries(services)) {
      const dependsOn = service.depends_on ?? [];
      const targets = Array.isArray(dependsOn) ? dependsOn : Object.keys(dependsOn);
      for (const target of targets)
        expect({ name, target, exists: target in services }).toEqual({ name, target, exists: true });
    }
  });

  it.each(['postgres', 'redis'])('has a healthcheck for %s', (name) => {
    expect(services[name]?.healthcheck?.test).toBeDefined();
  });

  it('is accepted by `docker-compose config -q`', () => {
    if (!available('docker-compose', ['version'])) {
      console.warn(
        'docker-compose.yml: `docker-compose` is not installed here; skipped `docker-compose config -q`',
      );
      return;
    }
    const secrets = Object.fromEntries(
      federationServices.map(({ name }) => [`SUBGRAPH_${envName(name)}_SECRET`, 'x'.repeat(24)]),
    );
    // Throws (and shows compose's message) when the file is invalid.
    execFileSync('docker-compose', ['-f', file, 'config', '-q'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, JWT_SECRET: 'x'.repeat(48), ...secrets },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 30_000,
    });
  });
});

describe('k8s/base', () => {
  const base = path.join(ROOT, 'k8s', 'base');
  const kustomization = parse(readFileSync(path.join(base, 'kustomization.yaml'), 'utf8')) as {
    resources: string[];
  };

  type Manifest = { apiVersion?: string; kind?: string; metadata?: { name?: string } } & Record<
    string,
    unknown
  >;
  const models: Record<string, { apiVersion: string; create: (data: Manifest) => { validate(): void } }> = {
    Deployment: { apiVersion: 'apps/v1', create: (data) => new Deployment(data as never) },
    Service: { apiVersion: 'v1', create: (data) => new Service(data as never) },
    ConfigMap: { apiVersion: 'v1', create: (data) => new ConfigMap(data as never) },
    Namespace: { apiVersion: 'v1', create: (data) => new Namespace(data as never) },
    Job: { apiVersion: 'batch/v1', create: (data) => new Job(data as never) },
    NetworkPolicy: { apiVersion: 'networking.k8s.io/v1', create: (data) => new NetworkPolicy(data as never) },
  };

  /** What `kubectl kustomize` renders from, without needing kubectl: every document of every resource. */
  const manifests: Array<{ file: string; manifest: Manifest }> = kustomization.resources.flatMap((file) =>
    parseAllDocuments(readFileSync(path.join(base, file), 'utf8'))
      .map((document) => {
        if (document.errors.length > 0) throw new Error(`${file}: ${document.errors[0].message}`);
        return document.toJS() as Manifest | null;
      })
      .filter((manifest): manifest is Manifest => manifest !== null)
      .map((manifest) => ({ file, manifest })),
  );

  function validate(manifest: Manifest): void {
    const model = models[manifest.kind ?? ''];
    if (!model) throw new Error(`unexpected kind ${manifest.kind}`);
    if (manifest.apiVersion !== model.apiVersion) {
      throw new Error(`${manifest.kind} must be ${model.apiVersion}, not ${manifest.apiVersion}`);
    }
    model.create(manifest).validate();
  }

  it('lists resources that hold only the expected kinds', () => {
    expect(manifests.length).toBeGreaterThan(kustomization.resources.length - 1);
    const kinds = new Set(manifests.map(({ manifest }) => manifest.kind));
    expect([...kinds].sort()).toEqual([
      'ConfigMap',
      'Deployment',
      'Job',
      'Namespace',
      'NetworkPolicy',
      'Service',
    ]);
  });

  it('validates every manifest against the Kubernetes schema', () => {
    const failures = manifests.flatMap(({ file, manifest }) => {
      try {
        validate(manifest);
        return [];
      } catch (error) {
        return [`${file} ${manifest.kind}/${manifest.metadata?.name}: ${(error as Error).message}`];
      }
    });
    expect(failures).toEqual([]);
  });

  it('has a Deployment and a worker Deployment for every subgraph, and a Service on its port', () => {
    const named = (kind: string, name: string) =>
      manifests.find(({ manifest }) => manifest.kind === kind && manifest.metadata?.name === name)?.manifest;
    for (const { name, defaultPort } of federationServices) {
      expect({ name, deployment: !!named('Deployment', name) }).toEqual({ name, deployment: true });
      expect({ name, worker: !!named('Deployment', `${name}-worker`) }).toEqual({ name, worker: true });
      const service = named('Service', name) as { spec?: { ports?: Array<{ port?: number }> } } | undefined;
      expect({ name, ports: service?.spec?.ports?.map((p) => p.port) }).toEqual({
        name,
        ports: [defaultPort],
      });
    }
  });

  it('rejects a deliberately broken copy (a misspelled field)', () => {
    const original = manifests.find(({ manifest }) => manifest.kind === 'Deployment')!.manifest;
    const broken = structuredClone(original) as Manifest & {
      spec: { template: { spec: Record<string, unknown> } };
    };
    const podSpec = broken.spec.template.spec;
    podSpec.contianers = podSpec.containers;
    delete podSpec.containers;
    expect(() => validate(original)).not.toThrow();
    expect(() => validate(broken)).toThrow(/containers/);
  });

  it('renders to the same objects with `kubectl kustomize`', () => {
    if (!available('kubectl', ['version', '--client'])) {
      console.warn('k8s/base: `kubectl` is not installed here; skipped comparing with `kubectl kustomize`');
      return;
    }
    const rendered = parseAllDocuments(
      execFileSync('kubectl', ['kustomize', base], { encoding: 'utf8', timeout: 30_000 }),
    )
      .map((document) => document.toJS() as Manifest)
      .filter(Boolean);
    const ids = (list: Manifest[]) => list.map((m) => `${m.kind}/${m.metadata?.name}`).sort();
    expect(ids(rendered)).toEqual(ids(manifests.map(({ manifest }) => manifest)));
    const failures = rendered.flatMap((manifest) => {
      try {
        validate(manifest);
        return [];
      } catch (error) {
        return [`${manifest.kind}/${manifest.metadata?.name}: ${(error as Error).message}`];
      }
    });
    expect(failures).toEqual([]);
  });
});
