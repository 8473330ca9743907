/** What the deployment-k8s tests share: the overlays, their managed services, and reading rendered manifests. */
import path from 'node:path';
import { ROOT } from './deployment';
import { schemaProblems, type Manifest } from '../../src/deployment-k8s-schema';
import { podTemplateOf, type Container, type SecretKeys } from '../../src/deployment-k8s-references';
import { type ManagedServices } from '../../src/deployment-k8s-network';
import { readManifests } from '../../src/deployment-k8s-render';

export const K8S = path.join(ROOT, 'k8s');
/** Where the gateway and each subgraph serve /metrics (OPERATIONS_PORT): their port + 5200. */
export const operationsPort = (port: number) => port + 5200;

/** Keys of the Secret that is created outside the repository, as k8s/secret.example.yaml documents them. */
export const documentedSecrets: SecretKeys = Object.fromEntries(
  readManifests(path.join(K8S, 'secret.example.yaml')).map((secret) => [
    secret.metadata?.name ?? '',
    Object.keys(secret.stringData as object),
  ]),
);

export const allSchemaProblems = (manifests: Manifest[]) => manifests.flatMap(schemaProblems);
export const find = (manifests: Manifest[], kind: string, name: string) =>
  manifests.find((manifest) => manifest.kind === kind && manifest.metadata?.name === name);
export const containerOf = (manifests: Manifest[], name: string): Container =>
  podTemplateOf(find(manifests, 'Deployment', name)!)!.spec.containers[0];
export const replicasOf = (manifest: Manifest) => (manifest.spec as { replicas: number }).replicas;
/** CPU request in millicores. */
export const cpuRequest = (container: Container & { resources?: { requests?: { cpu?: string } } }) => {
  const cpu = String(container.resources?.requests?.cpu ?? '0');
  return cpu.endsWith('m') ? Number(cpu.slice(0, -1)) : Number(cpu) * 1000;
};

export const OVERLAYS: Array<[string, ManagedServices]> = [
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
