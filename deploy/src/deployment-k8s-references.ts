/**
 * Checks that rendered manifests refer to each other correctly, which no schema can: Services and
 * PodDisruptionBudgets select running pods, HPAs scale Deployments that exist, probes and Service
 * ports name container ports, ConfigMaps and Secret keys exist (or are documented), and every pod
 * runs locked down. Each function returns the problems it found, empty when all is well.
 */
import type { Manifest } from './deployment-k8s-schema';

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
}

interface ContainerPort {
  name?: string;
  containerPort: number;
}
interface Probe {
  httpGet?: { path?: string; port: string | number };
}
export interface Container {
  name: string;
  image?: string;
  ports?: ContainerPort[];
  envFrom?: Array<{ configMapRef?: { name: string }; secretRef?: { name: string } }>;
  env?: Array<{
    name: string;
    valueFrom?: {
      configMapKeyRef?: { name: string; key: string };
      secretKeyRef?: { name: string; key: string; optional?: boolean };
    };
  }>;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
  securityContext?: {
    runAsNonRoot?: boolean;
    readOnlyRootFilesystem?: boolean;
    allowPrivilegeEscalation?: boolean;
    capabilities?: { drop?: string[] };
  };
}
export interface PodTemplate {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec: {
    containers: Container[];
    initContainers?: Container[];
    securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
  };
}

const nameOf = (manifest: Manifest) => `${manifest.kind}/${manifest.metadata?.name}`;

/** Whether `labels` satisfy a Kubernetes label selector (an empty selector matches everything). */
export function selects(selector: LabelSelector | undefined, labels: Record<string, string> = {}): boolean {
  if (!selector) return false;
  const byLabels = Object.entries(selector.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
  const byExpressions = (selector.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
    switch (operator) {
      case 'In':
        return key in labels && values.includes(labels[key]);
      case 'NotIn':
        return !(key in labels) || !values.includes(labels[key]);
      case 'Exists':
        return key in labels;
      case 'DoesNotExist':
        return !(key in labels);
      default:
        return false;
    }
  });
  return byLabels && byExpressions;
}

/** The pod template of a Deployment or Job, if the manifest has one. */
export function podTemplateOf(manifest: Manifest): PodTemplate | undefined {
  const spec = manifest.spec as { template?: PodTemplate } | undefined;
  return manifest.kind === 'Deployment' || manifest.kind === 'Job' ? spec?.template : undefined;
}

const containersOf = (template: PodTemplate) => [
  ...(template.spec.initContainers ?? []),
  ...template.spec.containers,
];

/** Names of keys in the documented Secret (k8s/secret.example.yaml) or in Secrets rendered with the rest. */
export type SecretKeys = Record<string, string[]>;

// eslint-disable-next-line max-lines-per-function -- one pass over the manifests with one check per kind of reference, listed side by side so a missing check shows
export function referenceProblems(manifests: Manifest[], documentedSecrets: SecretKeys): string[] {
  const problems: string[] = [];
  const ofKind = (kind: string) => manifests.filter((manifest) => manifest.kind === kind);
  const deployments = ofKind('Deployment');
  const configMaps = new Set(ofKind('ConfigMap').map((manifest) => manifest.metadata?.name));
  const secrets: SecretKeys = { ...documentedSecrets };
  for (const secret of ofKind('Secret')) {
    const data = { ...(secret.data as object), ...(secret.stringData as object) };
    secrets[secret.metadata?.name ?? ''] = Object.keys(data);
  }
  const podsSelectedBy = (selector: LabelSelector | undefined) =>
    deployments.filter((deployment) => selects(selector, podTemplateOf(deployment)?.metadata?.labels));

  for (const workload of manifests.filter(podTemplateOf)) {
    const template = podTemplateOf(workload)!;
    if (workload.kind === 'Deployment') {
      const selector = (workload.spec as { selector?: LabelSelector }).selector;
      if (!selects(selector, template.metadata?.labels)) {
        problems.push(`${nameOf(workload)}: its selector does not match its own pod template's labels`);
      }
    }
    for (const container of containersOf(template)) {
      const at = `${nameOf(workload)} container ${container.name}`;
      const ports = container.ports ?? [];
      for (const probeName of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
        const port = container[probeName]?.httpGet?.port;
        if (port === undefined) continue;
        const found = ports.some((p) =>
          typeof port === 'number' ? p.containerPort === port : p.name === port,
        );
        if (!found)
          problems.push(`${at}: ${probeName} uses port ${port}, which the container does not declare`);
      }
      for (const source of container.envFrom ?? []) {
        if (source.configMapRef && !configMaps.has(source.configMapRef.name)) {
          problems.push(`${at}: envFrom names ConfigMap ${source.configMapRef.name}, which is not defined`);
        }
        if (source.secretRef && !(source.secretRef.name in secrets)) {
          problems.push(
            `${at}: envFrom names Secret ${source.secretRef.name}, which is neither defined nor documented`,
          );
        }
      }
      for (const variable of container.env ?? []) {
        const configMapKey = variable.valueFrom?.configMapKeyRef;
        if (configMapKey && !configMaps.has(configMapKey.name)) {
          problems.push(`${at}: ${variable.name} reads ConfigMap ${configMapKey.name}, which is not defined`);
        }
        const secretKey = variable.valueFrom?.secretKeyRef;
        if (secretKey && !(secrets[secretKey.name] ?? []).includes(secretKey.key)) {
          problems.push(
            `${at}: ${variable.name} reads key ${secretKey.key} of Secret ${secretKey.name}, which is neither defined nor documented`,
          );
        }
      }
    }
  }

  for (const service of ofKind('Service')) {
    const spec = service.spec as {
      selector?: Record<string, string>;
      ports?: Array<{ port: number; targetPort?: string | number }>;
    };
    const targets = podsSelectedBy({ matchLabels: spec.selector ?? {} });
    if (!spec.selector || targets.length === 0) {
      problems.push(`${nameOf(service)}: its selector matches no Deployment's pods`);
      continue;
    }
    for (const { port, targetPort = port } of spec.ports ?? []) {
      for (const target of targets) {
        const declared = containersOf(podTemplateOf(target)!).flatMap((container) => container.ports ?? []);
        const found = declared.some((p) =>
          typeof targetPort === 'number' ? p.containerPort === targetPort : p.name === targetPort,
        );
        if (!found)
          problems.push(`${nameOf(service)}: targetPort ${targetPort} is not a port of ${nameOf(target)}`);
      }
    }
  }

  for (const hpa of ofKind('HorizontalPodAutoscaler')) {
    const ref = (hpa.spec as { scaleTargetRef?: { kind: string; name: string } }).scaleTargetRef;
    const exists = manifests.some((m) => m.kind === ref?.kind && m.metadata?.name === ref?.name);
    if (!exists) problems.push(`${nameOf(hpa)}: scales ${ref?.kind}/${ref?.name}, which does not exist`);
  }

  for (const pdb of ofKind('PodDisruptionBudget')) {
    const selector = (pdb.spec as { selector?: LabelSelector }).selector;
    if (podsSelectedBy(selector).length === 0)
      problems.push(`${nameOf(pdb)}: its selector matches no Deployment's pods`);
  }
  return problems;
}

/** Non-root, read-only root file system, no capabilities, no privilege escalation: for every container. */
export function securityProblems(manifests: Manifest[]): string[] {
  const problems: string[] = [];
  for (const workload of manifests.filter(podTemplateOf)) {
    const template = podTemplateOf(workload)!;
    const podNonRoot = template.spec.securityContext?.runAsNonRoot === true;
    for (const container of containersOf(template)) {
      const at = `${nameOf(workload)} container ${container.name}`;
      const context = container.securityContext ?? {};
      if (!podNonRoot && context.runAsNonRoot !== true) problems.push(`${at}: runAsNonRoot is not set`);
      if (context.readOnlyRootFilesystem !== true) problems.push(`${at}: readOnlyRootFilesystem is not set`);
      if (context.allowPrivilegeEscalation !== false)
        problems.push(`${at}: allowPrivilegeEscalation is not false`);
      if (!context.capabilities?.drop?.includes('ALL')) problems.push(`${at}: capabilities do not drop ALL`);
    }
  }
  return problems;
}
