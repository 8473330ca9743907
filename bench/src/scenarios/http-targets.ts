/** The gateways (and the bare subgraph) as load targets and as sources for the identical-answer check. */
import type { Gateway } from '../gateways';
import { httpTarget, type Target } from '../measure';
import type { AnswerSource } from '../identical';
import type { Subgraph } from '../stack';

export const gatewaySource = (g: Gateway, headers: Record<string, string>): AnswerSource => ({
  name: g.name,
  url: g.url,
  headers,
});

export const gatewayTarget = (
  g: Gateway,
  headers: Record<string, string>,
  bodies: string[],
  connections: number,
): Target => httpTarget(g.name, 'gateway', { url: g.url, headers, bodies, connections }, g.child.pid);

export const subgraphHeaders = (s: Subgraph, headers: Record<string, string>) => ({
  ...headers,
  'x-subgraph-secret': s.secret,
});

export const bareSubgraphTarget = (
  s: Subgraph,
  headers: Record<string, string>,
  bodies: string[],
  connections: number,
): Target =>
  httpTarget(
    `bare ${s.name} subgraph`,
    'limit',
    { url: s.url, headers: subgraphHeaders(s, headers), bodies, connections },
    s.child.pid,
  );
