import path from 'node:path';
import { federationServices } from '@jianguan/federation';
import { type Manifest } from '../src/deployment-k8s-schema';
import {
  podTemplateOf,
  referenceProblems,
  securityProblems,
  type Container,
} from '../src/deployment-k8s-references';
import { federationNetworkProblems } from '../src/deployment-k8s-network';
import { renderKustomization } from '../src/deployment-k8s-render';
import { envName, GATEWAY_PORT, WORKER_PORTS } from './support/deployment';
import {
  allSchemaProblems,
  containerOf,
  cpuRequest,
  documentedSecrets,
  find,
  K8S,
  operationsPort,
  OVERLAYS,
  replicasOf,
} from './support/k8s';

/** The k8s overlays as rendered: each checked, and the two compared. */
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
