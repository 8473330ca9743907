import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { schemaProblems, type Manifest } from '../src/deployment-k8s-schema';
import {
  podTemplateOf,
  referenceProblems,
  securityProblems,
  type Container,
} from '../src/deployment-k8s-references';
import { federationNetworkProblems } from '../src/deployment-k8s-network';
import { readManifests, renderKustomization } from '../src/deployment-k8s-render';
import { allSchemaProblems, documentedSecrets, find, K8S, OVERLAYS } from './support/k8s';

/** The Secret example, rendering without kubectl, and the checks catching deliberately broken manifests. */
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
