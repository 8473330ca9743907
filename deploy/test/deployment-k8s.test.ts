import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { federationServices } from '@jianguan/federation';
import { schemaProblems, type Manifest } from '../src/deployment-k8s-schema';
import {
  podTemplateOf,
  referenceProblems,
  securityProblems,
  type Container,
  type SecretKeys,
} from '../src/deployment-k8s-references';
import { federationNetworkProblems, type ManagedServices } from '../src/deployment-k8s-network';
import { readManifests, renderKustomization } from '../src/deployment-k8s-render';

const ROOT = path.resolve(__dirname, '..', '..');
const K8S = path.join(ROOT, 'k8s');
const GATEWAY_PORT = 4000;
/** Where the gateway and each subgraph serve /metrics (OPERATIONS_PORT): their port + 5200. */
const operationsPort = (port: number) => port + 5200;
/** The port of each worker's /healthz, /readyz and /metrics server (WORKER_PORT). */
const WORKER_PORTS: Record<string, number> = {
  registry: 9101,
  'qualification-review': 9102,
  'online-course-filing': 9103,
  enforcement: 9104,
  'public-list': 9105,
};
const envName = (name: string) => name.toUpperCase().replace(/-/g, '_');

/** Keys of the Secret that is created outside the repository, as k8s/secret.example.yaml documents them. */
const documentedSecrets: SecretKeys = Object.fromEntries(
  readManifests(path.join(K8S, 'secret.example.yaml')).map((secret) => [
    secret.metadata?.name ?? '',
    Object.keys(secret.stringData as object),
  ]),
);

const allSchemaProblems = (manifests: Manifest[]) => manifests.flatMap(schemaProblems);
const find = (manifests: Manifest[], kind: string, name: string) =>
  manifests.find((manifest) => manifest.kind === kind && manifest.metadata?.name === name);
const containerOf = (manifests: Manifest[], name: string): Container =>
  podTemplateOf(find(manifests, 'Deployment', name)!)!.spec.containers[0];
const replicasOf = (manifest: Manifest) => (manifest.spec as { replicas: number }).replicas;
/** CPU request in millicores. */
const cpuRequest = (container: Container & { resources?: { requests?: { cpu?: string } } }) => {
  const cpu = String(container.resources?.requests?.cpu ?? '0');
  return cpu.endsWith('m') ? Number(cpu.slice(0, -1)) : Number(cpu) * 1000;
};

const OVERLAYS: Array<[string, ManagedServices]> = [
  [
    'dev',
    {
      postgres: { address: '10.10.3.4', port: 5432 },
      redis: { address: '10.10.3.5', port: 6379 },
      identityProvider: { address: '192.0.2.40', port: 443 },
    },
  ],
  [
    'production',
    {
      postgres: { address: '10.20.0.10', port: 5432 },
      redis: { address: '10.20.0.20', port: 6380 },
      identityProvider: { address: '10.20.0.40', port: 443 },
    },
  ],
];

describe.each(OVERLAYS)('k8s/overlays/%s rendered with `kubectl kustomize`', (overlay, managed) => {
  const manifests = renderKustomization(path.join(K8S, 'overlays', overlay));
  const deployments = manifests.filter((manifest) => manifest.kind === 'Deployment');

  it('passes the strict Kubernetes schema check (no unknown fields, right types, required fields)', () => {
    expect(manifests.length).toBeGreaterThan(40);
    expect(allSchemaProblems(manifests)).toEqual([]);
  });

  it('refers only to things that exist: selectors, ports, ConfigMaps, documented Secret keys, HPA targets', () => {
    expect(referenceProblems(manifests, documentedSecrets)).toEqual([]);
  });

  it('runs every container as non-root, with a read-only root file system and no capabilities', () => {
    expect(securityProblems(manifests)).toEqual([]);
  });

  it('lets only the gateway reach the subgraphs, and only our services reach PostgreSQL and Redis', () => {
    expect(federationNetworkProblems(manifests, managed)).toEqual([]);
  });

  it('commits no Secret (only references to one)', () => {
    expect(manifests.filter((manifest) => manifest.kind === 'Secret')).toEqual([]);
  });

  it("gives every process the issuer's public keys (JWT_JWKS) and none a key that signs tokens", () => {
    const shared = find(manifests, 'ConfigMap', 'jianguan-config')!.data as Record<string, string>;
    expect(shared.JWT_JWKS).toMatch(/^https:\/\/[^/]+\/.*jwks\.json$/);
    for (const deployment of deployments) {
      for (const container of podTemplateOf(deployment)!.spec.containers) {
        const names = (container.env ?? []).map((variable) => variable.name);
        expect({
          container: container.name,
          signing: names.filter((n) => /JWT_SECRET|SIGNING|PRIVATE/.test(n)),
        }).toEqual({ container: container.name, signing: [] });
        expect(container.envFrom).toContainEqual({ configMapRef: { name: 'jianguan-config' } });
      }
    }
  });

  it.each(federationServices.map((service) => [service.name, service.defaultPort] as const))(
    'runs the %s subgraph on port %i and its worker, each with probes, an HPA and a PDB',
    (name, port) => {
      const server = containerOf(manifests, name);
      expect(server.image).toMatch(new RegExp(`/jianguan/${name}:[\\w.-]+$`));
      expect((server as { command?: string[] }).command).toEqual(['node', 'src/server.js']);
      expect(server.ports).toContainEqual(expect.objectContaining({ name: 'http', containerPort: port }));
      expect(server.readinessProbe?.httpGet).toMatchObject({ path: '/readyz', port: 'http' });
      expect(server.livenessProbe?.httpGet).toMatchObject({ path: '/healthz', port: 'http' });
      expect(server.env).toContainEqual({ name: 'PORT', value: String(port) });
      expect(server.ports).toContainEqual({
        name: 'metrics',
        containerPort: operationsPort(port),
        protocol: 'TCP',
      });
      expect(server.env).toContainEqual({ name: 'OPERATIONS_PORT', value: String(operationsPort(port)) });
      expect(server.env).toContainEqual({
        name: 'SUBGRAPH_SECRET',
        valueFrom: { secretKeyRef: { name: 'jianguan-secrets', key: `SUBGRAPH_${envName(name)}_SECRET` } },
      });
      const service = find(manifests, 'Service', name)!.spec as { ports: Array<{ port: number }> };
      expect(service.ports.map((p) => p.port)).toEqual([port]);

      const worker = containerOf(manifests, `${name}-worker`);
      expect(worker.image).toBe(server.image);
      expect((worker as { command?: string[] }).command).toEqual(['node', 'src/worker.js']);
      const workerPort = WORKER_PORTS[name];
      expect(worker.ports).toEqual([{ name: 'metrics', containerPort: workerPort, protocol: 'TCP' }]);
      expect(worker.env).toContainEqual({ name: 'WORKER_PORT', value: String(workerPort) });
      expect(worker.readinessProbe?.httpGet).toMatchObject({ path: '/readyz', port: 'metrics' });
      expect(worker.livenessProbe?.httpGet).toMatchObject({ path: '/healthz', port: 'metrics' });

      for (const [deployment, metricsPort] of [
        [name, operationsPort(port)],
        [`${name}-worker`, workerPort],
      ] as const) {
        const annotations = podTemplateOf(find(manifests, 'Deployment', deployment)!)!.metadata?.annotations;
        expect({ deployment, annotations }).toEqual({
          deployment,
          annotations: {
            'prometheus.io/scrape': 'true',
            'prometheus.io/port': String(metricsPort),
            'prometheus.io/path': '/metrics',
          },
        });
        const hpa = find(manifests, 'HorizontalPodAutoscaler', deployment);
        expect({ deployment, hpa: hpa?.apiVersion }).toEqual({ deployment, hpa: 'autoscaling/v2' });
        expect({ deployment, pdb: !!find(manifests, 'PodDisruptionBudget', deployment) }).toEqual({
          deployment,
          pdb: true,
        });
      }
    },
  );

  it('points the gateway at every subgraph Service with that subgraph’s secret', () => {
    const gateway = containerOf(manifests, 'gateway');
    expect(gateway.ports).toContainEqual(
      expect.objectContaining({ name: 'http', containerPort: GATEWAY_PORT }),
    );
    expect(gateway.readinessProbe?.httpGet).toMatchObject({ path: '/readyz', port: 'http' });
    expect(gateway.ports).toContainEqual({
      name: 'metrics',
      containerPort: operationsPort(GATEWAY_PORT),
      protocol: 'TCP',
    });
    expect(gateway.env).toContainEqual({
      name: 'OPERATIONS_PORT',
      value: String(operationsPort(GATEWAY_PORT)),
    });
    expect(podTemplateOf(find(manifests, 'Deployment', 'gateway')!)!.metadata?.annotations).toMatchObject({
      'prometheus.io/port': String(operationsPort(GATEWAY_PORT)),
    });
    const config = find(manifests, 'ConfigMap', 'gateway-config')!.data as Record<string, string>;
    expect(config.SUPERGRAPH_PATH).toBe('/app/supergraph.graphql');
    for (const { name, defaultPort } of federationServices) {
      expect(config[`SUBGRAPH_${envName(name)}_URL`]).toBe(`http://${name}:${defaultPort}/graphql`);
      expect(gateway.env).toContainEqual({
        name: `SUBGRAPH_${envName(name)}_SECRET`,
        valueFrom: {
          secretKeyRef: { name: 'jianguan-secrets', key: `SUBGRAPH_${envName(name)}_SECRET` },
        },
      });
    }
  });

  it("has a migration Job that runs every service's migration from that service's image", () => {
    const job = find(manifests, 'Job', 'migrate')!;
    const containers = podTemplateOf(job)!.spec.containers as Array<Container & { command?: string[] }>;
    expect(containers.map((container) => container.command)).toEqual(
      federationServices.map(() => ['node', 'migrate.js']),
    );
    expect(containers.map((container) => container.image)).toEqual(
      federationServices.map(({ name }) => containerOf(manifests, name).image),
    );
  });

  it('migrates each service as its owner (roles provisioned when an admin URL is given), and runs it as its runtime role', () => {
    const secret = (key: string, optional?: boolean) => ({
      valueFrom: { secretKeyRef: { name: 'jianguan-secrets', key, ...(optional ? { optional } : {}) } },
    });
    const job = find(manifests, 'Job', 'migrate')!;
    const containers = podTemplateOf(job)!.spec.containers;
    federationServices.forEach(({ name }, index) => {
      const runtime = { name: 'DATABASE_URL', ...secret(`${envName(name)}_DATABASE_URL`) };
      expect(containers[index].env).toEqual([
        { name: 'DATABASE_OWNER_URL', ...secret(`${envName(name)}_DATABASE_OWNER_URL`) },
        runtime,
        { name: 'DATABASE_ADMIN_URL', ...secret('DATABASE_ADMIN_URL', true) },
      ]);
      for (const deployment of [name, `${name}-worker`]) {
        const env = containerOf(manifests, deployment).env ?? [];
        expect(env).toContainEqual(runtime);
        // Neither the administrator's nor any owner's connection reaches a running service.
        const keys = env.map((variable) => variable.valueFrom?.secretKeyRef?.key ?? '');
        expect({ deployment, keys }).toEqual({
          deployment,
          keys: expect.not.arrayContaining([expect.stringMatching(/ADMIN|OWNER/)]),
        });
      }
    });
    const gatewayKeys = (containerOf(manifests, 'gateway').env ?? []).map(
      (v) => v.valueFrom?.secretKeyRef?.key,
    );
    expect(gatewayKeys.filter((key) => key?.includes('DATABASE'))).toEqual([]);
  });

  it('gives every Deployment resource requests and a memory limit', () => {
    for (const deployment of deployments) {
      const { resources } = podTemplateOf(deployment)!.spec.containers[0] as {
        resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
      };
      expect({ name: deployment.metadata?.name, resources }).toEqual({
        name: deployment.metadata?.name,
        resources: {
          requests: { cpu: expect.any(String), memory: expect.any(String) },
          limits: { memory: expect.any(String) },
        },
      });
    }
  });
});

describe('k8s overlays compared', () => {
  const dev = renderKustomization(path.join(K8S, 'overlays', 'dev'));
  const production = renderKustomization(path.join(K8S, 'overlays', 'production'));
  const deploymentNames = dev.filter((m) => m.kind === 'Deployment').map((m) => m.metadata!.name!);

  it('runs one replica of everything in dev, and more of everything in production', () => {
    expect(deploymentNames).toHaveLength(federationServices.length * 2 + 1);
    for (const name of deploymentNames) {
      const devReplicas = replicasOf(find(dev, 'Deployment', name)!);
      const productionReplicas = replicasOf(find(production, 'Deployment', name)!);
      const devMin = (find(dev, 'HorizontalPodAutoscaler', name)!.spec as { minReplicas: number })
        .minReplicas;
      const productionMin = (
        find(production, 'HorizontalPodAutoscaler', name)!.spec as { minReplicas: number }
      ).minReplicas;
      expect({ name, devReplicas, devMin }).toEqual({ name, devReplicas: 1, devMin: 1 });
      expect({ name, more: productionReplicas >= 2 && productionMin >= 2 }).toEqual({ name, more: true });
    }
  });

  it('requests more CPU per pod in production than in dev', () => {
    for (const name of deploymentNames) {
      const devCpu = cpuRequest(containerOf(dev, name));
      const productionCpu = cpuRequest(containerOf(production, name));
      expect({ name, bigger: productionCpu > devCpu }).toEqual({ name, bigger: true });
    }
  });

  it('tags images per environment, the same tag for every deployable', () => {
    const tags = (manifests: Manifest[]) =>
      new Set(
        manifests
          .map(podTemplateOf)
          .filter((template) => template !== undefined)
          .flatMap((template) =>
            template.spec.containers.map((container) => container.image!.split(':').pop()),
          ),
      );
    expect([...tags(dev)]).toEqual(['dev']);
    const [productionTag, ...others] = tags(production);
    expect(others).toEqual([]);
    expect(productionTag).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('k8s/secret.example.yaml', () => {
  const [example, ...others] = readManifests(path.join(K8S, 'secret.example.yaml'));

  it('is a valid Secret holding placeholders only, never a value', () => {
    expect(others).toEqual([]);
    expect(schemaProblems(example)).toEqual([]);
    for (const [key, value] of Object.entries(example.stringData as Record<string, string>)) {
      expect({ key, value }).toEqual({ key, value: expect.stringMatching(/^<.*>$/) });
    }
  });

  it('documents a Redis URL with a password: whoever reaches Redis must not be able to write to it', () => {
    const [secret] = readManifests(path.join(K8S, 'secret.example.yaml'));
    expect((secret.stringData as Record<string, string>).REDIS_URL).toMatch(/rediss?:\/\/[^/@]*:[^@]+@/);
  });

  it('is not applied by any kustomization', () => {
    for (const dir of ['base', 'overlays/dev', 'overlays/production']) {
      const [kustomization] = readManifests(path.join(K8S, dir, 'kustomization.yaml'));
      const resources = kustomization.resources as string[];
      expect({ dir, example: resources.some((resource) => resource.includes('secret')) }).toEqual({
        dir,
        example: false,
      });
    }
  });
});

describe('rendering without kubectl', () => {
  it('fails with a message saying kubectl is needed, rather than skipping', () => {
    expect(() =>
      renderKustomization(path.join(K8S, 'overlays', 'dev'), 'kubectl-that-is-not-installed'),
    ).toThrow(/kubectl is not installed/);
  });
});

describe('validation catches deliberately broken manifests', () => {
  const manifests = renderKustomization(path.join(K8S, 'overlays', 'production'));
  const copy = () => structuredClone(manifests);
  const deploymentOf = (list: Manifest[], name: string) => find(list, 'Deployment', name)!;
  const podSpec = (manifest: Manifest) =>
    (manifest.spec as { template: { spec: { containers: Array<Record<string, unknown>> } } }).template.spec;

  it('rejects a misspelled field in a file (`readinesProbe`), rendered through kubectl', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'jianguan-k8s-'));
    try {
      cpSync(K8S, dir, { recursive: true });
      const file = path.join(dir, 'base', 'registry.yaml');
      const original = readFileSync(file, 'utf8');
      expect(original).toContain('readinessProbe:');
      writeFileSync(file, original.replace('readinessProbe:', 'readinesProbe:'));
      const broken = renderKustomization(path.join(dir, 'overlays', 'production'));
      expect(allSchemaProblems(broken)).toEqual([
        expect.stringContaining(
          'Deployment/registry.spec.template.spec.containers[0].readinesProbe: unknown field',
        ),
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects a value of the wrong type', () => {
    const broken = copy();
    (deploymentOf(broken, 'gateway').spec as Record<string, unknown>).replicas = 'three';
    podSpec(deploymentOf(broken, 'registry')).containers[0].ports = { name: 'http' };
    const problems = allSchemaProblems(broken);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('Deployment/gateway.spec.replicas: expected a number'),
        expect.stringContaining(
          'Deployment/registry.spec.template.spec.containers[0].ports: expected a list',
        ),
      ]),
    );
  });

  it('rejects a missing required field', () => {
    const broken = copy();
    delete (podSpec(deploymentOf(broken, 'enforcement')) as Record<string, unknown>).containers;
    expect(allSchemaProblems(broken).join('\n')).toMatch(/Deployment\/enforcement: .*containers/);
  });

  it('rejects dangling references', () => {
    const broken = copy();
    const registry = podSpec(deploymentOf(broken, 'registry')).containers[0] as unknown as Container;
    registry.envFrom = [{ configMapRef: { name: 'registry-confg' } }];
    registry.env!.find((variable) => variable.name === 'DATABASE_URL')!.valueFrom!.secretKeyRef!.key =
      'REDIS_URI';
    registry.readinessProbe!.httpGet!.port = 'htp';
    (
      find(broken, 'HorizontalPodAutoscaler', 'gateway')!.spec as { scaleTargetRef: { name: string } }
    ).scaleTargetRef.name = 'gatway';
    (find(broken, 'Service', 'public-list')!.spec as { selector: Record<string, string> }).selector[
      'app.kubernetes.io/name'
    ] = 'public-lists';
    (
      find(broken, 'PodDisruptionBudget', 'enforcement-worker')!.spec as {
        selector: { matchLabels: Record<string, string> };
      }
    ).selector.matchLabels['app.kubernetes.io/name'] = 'enforcement-workers';
    expect(referenceProblems(broken, documentedSecrets)).toEqual([
      expect.stringContaining('readinessProbe uses port htp'),
      expect.stringContaining('ConfigMap registry-confg, which is not defined'),
      expect.stringContaining('key REDIS_URI of Secret jianguan-secrets'),
      "Service/public-list: its selector matches no Deployment's pods",
      'HorizontalPodAutoscaler/gateway: scales Deployment/gatway, which does not exist',
      "PodDisruptionBudget/enforcement-worker: its selector matches no Deployment's pods",
    ]);
  });

  it('rejects a container that may run as root or write its root file system', () => {
    const broken = copy();
    const template = podTemplateOf(deploymentOf(broken, 'public-list-worker'))!;
    delete template.spec.securityContext!.runAsNonRoot;
    delete template.spec.containers[0].securityContext!.runAsNonRoot;
    template.spec.containers[0].securityContext!.readOnlyRootFilesystem = false;
    expect(securityProblems(broken)).toEqual([
      'Deployment/public-list-worker container public-list-worker: runAsNonRoot is not set',
      'Deployment/public-list-worker container public-list-worker: readOnlyRootFilesystem is not set',
    ]);
  });

  it('rejects network policies that open /metrics to anyone but Prometheus, or Prometheus to the APIs', () => {
    const broken = copy();
    const managed = OVERLAYS[1][1];
    // The gateway open on every port (as before /metrics moved), and Prometheus let in on `http` too.
    const gatewayIngress = find(broken, 'NetworkPolicy', 'gateway-ingress')!.spec as {
      ingress: Array<{ ports?: unknown }>;
    };
    delete gatewayIngress.ingress[0].ports;
    const scrape = find(broken, 'NetworkPolicy', 'prometheus-scrape')!.spec as {
      ingress: Array<{ ports: Array<{ port: string; protocol: string }> }>;
    };
    scrape.ingress[0].ports.push({ port: 'http', protocol: 'TCP' });
    // A subgraph without its operations port.
    const registry = podTemplateOf(find(broken, 'Deployment', 'registry')!)!.spec.containers[0];
    registry.ports = registry.ports!.filter((port) => port.name !== 'metrics');
    expect(federationNetworkProblems(broken, managed)).toEqual(
      expect.arrayContaining([
        'gateway:9200 is reachable from outside the namespace',
        'enforcement:4004 (http) is reachable from Prometheus',
        'registry has no `metrics` port for Prometheus',
      ]),
    );
  });

  it('rejects network policies that let others reach a subgraph, the gateway reach PostgreSQL, or pods reach the world', () => {
    const broken = copy();
    const managed = OVERLAYS[1][1];
    const subgraphs = find(broken, 'NetworkPolicy', 'subgraphs-from-gateway-only')!.spec as {
      ingress: Array<{ from?: unknown }>;
    };
    delete subgraphs.ingress[0].from;
    const postgres = find(broken, 'NetworkPolicy', 'postgres-egress')!.spec as {
      podSelector: Record<string, unknown>;
    };
    postgres.podSelector = {};
    // DNS egress widened to everything: egress is no longer default-deny.
    (find(broken, 'NetworkPolicy', 'dns-egress')!.spec as { egress: unknown[] }).egress = [{}];
    const problems = federationNetworkProblems(broken, managed);
    expect(problems).toEqual(
      expect.arrayContaining([
        'registry-worker can reach subgraph registry on 4001',
        'registry:4001 is reachable from outside the namespace',
        'gateway can reach PostgreSQL at 10.20.0.10:5432',
        'registry-worker can reach 203.0.113.7:443 (egress is not default-deny)',
      ]),
    );
  });
});
