/**
 * A small evaluator of Kubernetes NetworkPolicy semantics over rendered manifests, so tests can ask
 * "may pod A open a connection to pod B on port P?" and "may pod A reach 10.0.0.5:5432?" the way a
 * policy-enforcing CNI answers them: a pod selected by any policy of a direction is isolated in that
 * direction, and then only what some rule allows gets through.
 */
import type { Manifest } from './deployment-k8s-schema';
import { podTemplateOf, selects, type LabelSelector } from './deployment-k8s-references';

export interface Pod {
  namespace: string;
  labels: Record<string, string>;
  ports: Array<{ name?: string; containerPort: number }>;
}

interface Peer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr: string; except?: string[] };
}
interface Rule {
  from?: Peer[];
  to?: Peer[];
  ports?: Array<{ port?: string | number; protocol?: string }>;
}
interface PolicySpec {
  podSelector: LabelSelector;
  policyTypes?: string[];
  ingress?: Rule[];
  egress?: Rule[];
}
interface Policy {
  namespace: string;
  spec: PolicySpec;
}

const namespaceLabels = (namespace: string) => ({ 'kubernetes.io/metadata.name': namespace });

/** The pods of every Deployment and Job, as they would run in the manifests' namespace. */
export function podsOf(manifests: Manifest[]): Map<string, Pod> {
  const pods = new Map<string, Pod>();
  for (const manifest of manifests) {
    const template = podTemplateOf(manifest);
    if (!template) continue;
    pods.set(manifest.metadata?.name ?? '', {
      namespace: manifest.metadata?.namespace ?? 'default',
      labels: template.metadata?.labels ?? {},
      ports: template.spec.containers.flatMap((container) => container.ports ?? []),
    });
  }
  return pods;
}

export function policiesOf(manifests: Manifest[]): Policy[] {
  return manifests
    .filter((manifest) => manifest.kind === 'NetworkPolicy')
    .map((manifest) => ({
      namespace: manifest.metadata?.namespace ?? 'default',
      spec: manifest.spec as unknown as PolicySpec,
    }));
}

const types = (spec: PolicySpec) => spec.policyTypes ?? (spec.egress ? ['Ingress', 'Egress'] : ['Ingress']);

/** The policies of `direction` that select `pod`; none means the pod is not isolated that way. */
const applying = (policies: Policy[], pod: Pod, direction: 'Ingress' | 'Egress') =>
  policies.filter(
    (policy) =>
      policy.namespace === pod.namespace &&
      types(policy.spec).includes(direction) &&
      selects(policy.spec.podSelector, pod.labels),
  );

function peerMatchesPod(peer: Peer, policyNamespace: string, pod: Pod): boolean {
  if (peer.ipBlock) return false;
  const namespaceOk = peer.namespaceSelector
    ? selects(peer.namespaceSelector, namespaceLabels(pod.namespace))
    : pod.namespace === policyNamespace;
  const podOk = peer.podSelector ? selects(peer.podSelector, pod.labels) : true;
  return namespaceOk && podOk;
}

/** Whether a rule's ports admit `port` (a container port of the destination, or a plain number). */
function portAllowed(rule: Rule, port: { name?: string; containerPort: number }): boolean {
  if (!rule.ports || rule.ports.length === 0) return true;
  return rule.ports.some(
    (allowed) =>
      allowed.port === undefined ||
      allowed.port === port.containerPort ||
      (port.name !== undefined && allowed.port === port.name),
  );
}

/** May `from` open a TCP connection to `to` on its container port named (or numbered) `port`? */
export function allowsConnection(policies: Policy[], from: Pod, to: Pod, port: string | number): boolean {
  const target = to.ports.find((p) => p.name === port || p.containerPort === port);
  if (!target) return false;
  const egress = applying(policies, from, 'Egress');
  const egressOk =
    egress.length === 0 ||
    egress.some((policy) =>
      (policy.spec.egress ?? []).some(
        (rule) =>
          (!rule.to || rule.to.some((peer) => peerMatchesPod(peer, policy.namespace, to))) &&
          portAllowed(rule, target),
      ),
    );
  const ingress = applying(policies, to, 'Ingress');
  const ingressOk =
    ingress.length === 0 ||
    ingress.some((policy) =>
      (policy.spec.ingress ?? []).some(
        (rule) =>
          (!rule.from || rule.from.some((peer) => peerMatchesPod(peer, policy.namespace, from))) &&
          portAllowed(rule, target),
      ),
    );
  return egressOk && ingressOk;
}

const ipv4 = (address: string) => address.split('.').reduce((value, octet) => value * 256 + Number(octet), 0);

/** Whether IPv4 `address` lies in `cidr`. */
export function inCidr(address: string, cidr: string): boolean {
  const [network, bits] = cidr.split('/');
  const size = 2 ** (32 - Number(bits));
  return Math.floor(ipv4(address) / size) === Math.floor(ipv4(network) / size);
}

/** May `from` reach the outside address `address`:`port` (a managed database, a webhook)? */
export function allowsExternal(policies: Policy[], from: Pod, address: string, port: number): boolean {
  const egress = applying(policies, from, 'Egress');
  return (
    egress.length === 0 ||
    egress.some((policy) =>
      (policy.spec.egress ?? []).some(
        (rule) =>
          (!rule.to ||
            rule.to.some(
              (peer) =>
                peer.ipBlock !== undefined &&
                inCidr(address, peer.ipBlock.cidr) &&
                !(peer.ipBlock.except ?? []).some((except) => inCidr(address, except)),
            )) &&
          portAllowed(rule, { containerPort: port }),
      ),
    )
  );
}

export interface ManagedServices {
  postgres: { address: string; port: number };
  redis: { address: string; port: number };
  /** Where the token issuer serves its JWKS (JWT_JWKS as a URL). */
  identityProvider: { address: string; port: number };
}

/** Somewhere no pod of ours has any business reaching. */
const ELSEWHERE = { address: '203.0.113.7', port: 443 };

/** Prometheus as the policies name it: its own pods, in the `monitoring` namespace. */
const PROMETHEUS: Pod = {
  namespace: 'monitoring',
  labels: { 'app.kubernetes.io/name': 'prometheus' },
  ports: [],
};

/**
 * The federation's network rules, checked on rendered manifests: the gateway reaches every subgraph
 * and nothing else reaches one; only subgraphs, workers and the migration reach PostgreSQL, only
 * subgraphs and workers Redis, only the gateway and subgraphs the identity provider; outsiders reach
 * the gateway's `http` only; every gateway, subgraph and worker pod has a `metrics` port (where
 * /metrics is served) that Prometheus alone reaches, and Prometheus reaches nothing else; nothing
 * reaches the rest of the world.
 */
export function federationNetworkProblems(manifests: Manifest[], managed: ManagedServices): string[] {
  const problems: string[] = [];
  const policies = policiesOf(manifests);
  const pods = [...podsOf(manifests)];
  const component = (pod: Pod) => pod.labels['app.kubernetes.io/component'];
  const gateway = pods.find(([, pod]) => component(pod) === 'gateway');
  if (!gateway) return ['no gateway Deployment'];
  const outsider: Pod = { namespace: 'elsewhere', labels: {}, ports: [] };

  for (const [name, pod] of pods) {
    const isSubgraph = component(pod) === 'subgraph';
    if (isSubgraph && !allowsConnection(policies, gateway[1], pod, 'http')) {
      problems.push(`the gateway cannot reach subgraph ${name}`);
    }
    for (const [otherName, other] of pods) {
      if (!isSubgraph || other === gateway[1]) continue;
      for (const port of pod.ports) {
        if (allowsConnection(policies, other, pod, port.containerPort)) {
          problems.push(`${otherName} can reach subgraph ${name} on ${port.containerPort}`);
        }
      }
    }
    for (const port of pod.ports) {
      const reachable = allowsConnection(policies, outsider, pod, port.containerPort);
      if (reachable !== (pod === gateway[1] && port.name === 'http')) {
        problems.push(
          `${name}:${port.containerPort} is ${reachable ? '' : 'not '}reachable from outside the namespace`,
        );
      }
      // Prometheus is also one of "anyone", who may use the gateway's public port.
      const scraped = allowsConnection(policies, PROMETHEUS, pod, port.containerPort);
      if (port.name === 'metrics' ? !scraped : scraped && !reachable) {
        problems.push(
          `${name}:${port.containerPort} (${port.name}) is ${scraped ? '' : 'not '}reachable from Prometheus`,
        );
      }
    }
    const scrapedPod = ['gateway', 'subgraph', 'worker'].includes(component(pod));
    if (scrapedPod && !pod.ports.some((port) => port.name === 'metrics')) {
      problems.push(`${name} has no \`metrics\` port for Prometheus`);
    }
    if (isSubgraph && allowsConnection(policies, gateway[1], pod, 'metrics')) {
      problems.push(`the gateway can reach subgraph ${name}'s metrics`);
    }
    const usesPostgres = ['subgraph', 'worker', 'migration'].includes(component(pod));
    // The gateway follows public-list's change announcements for its answer cache.
    const usesRedis = ['gateway', 'subgraph', 'worker'].includes(component(pod));
    const { postgres, redis } = managed;
    if (allowsExternal(policies, pod, postgres.address, postgres.port) !== usesPostgres) {
      problems.push(
        `${name} ${usesPostgres ? 'cannot' : 'can'} reach PostgreSQL at ${postgres.address}:${postgres.port}`,
      );
    }
    if (allowsExternal(policies, pod, redis.address, redis.port) !== usesRedis) {
      problems.push(`${name} ${usesRedis ? 'cannot' : 'can'} reach Redis at ${redis.address}:${redis.port}`);
    }
    // Only what verifies tokens fetches the issuer's public keys.
    const verifiesTokens = ['gateway', 'subgraph'].includes(component(pod));
    const { identityProvider: idp } = managed;
    if (allowsExternal(policies, pod, idp.address, idp.port) !== verifiesTokens) {
      problems.push(
        `${name} ${verifiesTokens ? 'cannot' : 'can'} reach the identity provider at ${idp.address}:${idp.port}`,
      );
    }
    if (allowsExternal(policies, pod, ELSEWHERE.address, ELSEWHERE.port)) {
      problems.push(`${name} can reach ${ELSEWHERE.address}:${ELSEWHERE.port} (egress is not default-deny)`);
    }
  }
  return problems;
}
