import {
  captureLogs,
  metricValue,
  samplesOf,
  scrapeMetrics,
  tokenFor,
  type LogLine,
} from '@jianguan/testing';
import { registryService } from '@jianguan/registry';
import { useFederationStack } from './support/stack';

/**
 * Operations through the real gateway and the registry subgraph: the GraphQL latency histograms of
 * both processes after a query, error counts, and one request id in both processes' log lines.
 */
let admin: string;
const gatewayLogs = captureLogs();
const registryLogs = captureLogs();
const { federation } = useFederationStack({
  services: [registryService],
  env: { LOG_LEVEL: 'info' },
  serverOptions: { registry: { logDestination: registryLogs.destination } },
  gatewayOptions: { logDestination: gatewayLogs.destination },
});

beforeAll(async () => {
  admin = await tokenFor({ scopes: ['admin'], regionCode: '63' });
});

const origin = (graphqlUrl: string) => new URL(graphqlUrl).origin;
const gatewayMetrics = () => scrapeMetrics(`${federation.operationsUrls.gateway}/metrics`);
const registryMetrics = () => scrapeMetrics(`${federation.operationsUrls.registry}/metrics`);

/** POSTs a named operation to the gateway with optional extra headers; returns the raw response. */
const send = (query: string, operationName: string, headers: Record<string, string> = {}) =>
  fetch(federation.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}`, ...headers },
    body: JSON.stringify({ query, operationName }),
  });

const REGION_OVERVIEW = 'query RegionOverview { region(code: "63") { code name } }';

describe('metrics', () => {
  it('counts a query in the latency histograms of the gateway and of the subgraph it reached', async () => {
    const response = await send(REGION_OVERVIEW, 'RegionOverview');
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: unknown }).data).toEqual({
      region: { code: '63', name: '青海省' },
    });

    const gateway = await gatewayMetrics();
    const labels = { operation: 'RegionOverview', outcome: 'ok', service: 'gateway', process: 'gateway' };
    expect(metricValue(gateway, 'jianguan_graphql_request_duration_seconds_count', labels)).toBe(1);
    expect(metricValue(gateway, 'jianguan_graphql_request_duration_seconds_sum', labels)).toBeGreaterThan(0);
    expect(
      metricValue(gateway, 'jianguan_graphql_request_duration_seconds_bucket', { ...labels, le: '+Inf' }),
    ).toBe(1);

    // The subgraph sees the operation under the name the gateway's query planner gave it.
    const registry = samplesOf(await registryMetrics(), 'jianguan_graphql_request_duration_seconds_count', {
      service: 'registry',
      process: 'subgraph',
      outcome: 'ok',
    });
    expect(registry.map((sample) => [sample.labels.operation, sample.value])).toEqual([
      ['RegionOverview__registry__0', 1],
    ]);
  });

  it('counts errors per operation and code', async () => {
    const response = await send('query Broken { noSuchField }', 'Broken');
    expect(response.status).toBe(400);
    const gateway = await gatewayMetrics();
    expect(
      metricValue(gateway, 'jianguan_graphql_errors_total', {
        operation: 'Broken',
        code: 'GRAPHQL_VALIDATION_FAILED',
      }),
    ).toBe(1);
    expect(
      metricValue(gateway, 'jianguan_graphql_request_duration_seconds_count', {
        operation: 'Broken',
        outcome: 'error',
      }),
    ).toBe(1);
  });

  it('serves /metrics on the operations ports only, never on the public port of the gateway or a subgraph', async () => {
    // Anyone can reach the gateway's public port, and a subgraph's from inside the cluster.
    for (const publicUrl of [federation.gatewayUrl, federation.subgraphUrls.registry]) {
      const response = await fetch(`${origin(publicUrl)}/metrics`);
      expect({ publicUrl, status: response.status }).toEqual({ publicUrl, status: 404 });
      expect(await response.text()).not.toContain('jianguan_graphql_request_duration_seconds');
    }
    for (const name of ['gateway', 'registry']) {
      const operationsUrl = federation.operationsUrls[name];
      expect(new URL(operationsUrl).port).not.toBe(
        new URL(name === 'gateway' ? federation.gatewayUrl : federation.subgraphUrls[name]).port,
      );
      const response = await fetch(`${operationsUrl}/metrics`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain(`service="${name}"`);
      expect((await fetch(`${operationsUrl}/readyz`)).status).toBe(200);
    }
  });

  it('serves the default process metrics of each process', async () => {
    for (const samples of [await gatewayMetrics(), await registryMetrics()]) {
      expect(samplesOf(samples, 'process_cpu_seconds_total').length).toBe(1);
      expect(samplesOf(samples, 'nodejs_heap_size_used_bytes').length).toBe(1);
      expect(samplesOf(samples, 'nodejs_eventloop_lag_seconds').length).toBe(1);
    }
  });
});

describe('request ids', () => {
  const linesWith = (lines: LogLine[], requestId: string) => lines.filter((l) => l.requestId === requestId);

  it('logs a caller’s request id in the gateway and in the subgraph, and returns it', async () => {
    const requestId = 'ops-test-7f3a.42';
    const response = await send(REGION_OVERVIEW, 'RegionOverview', { 'x-request-id': requestId });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe(requestId);

    const gatewayLines = linesWith(gatewayLogs.lines, requestId);
    expect(gatewayLines).toContainEqual(
      expect.objectContaining({ name: 'gateway', msg: 'request finished', path: '/graphql', status: 200 }),
    );
    const registryLines = linesWith(registryLogs.lines, requestId);
    expect(registryLines).toContainEqual(
      expect.objectContaining({ name: 'registry', msg: 'request finished', path: '/graphql', status: 200 }),
    );
  });

  it('makes an id when the caller sent none, and the subgraph logs that one', async () => {
    const response = await send(REGION_OVERVIEW, 'RegionOverview');
    const requestId = response.headers.get('x-request-id') ?? '';
    expect(requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(linesWith(gatewayLogs.lines, requestId).length).toBeGreaterThan(0);
    expect(linesWith(registryLogs.lines, requestId)).toContainEqual(
      expect.objectContaining({ msg: 'request finished', path: '/graphql' }),
    );
  });

  it('replaces an id that is too long or has unsafe characters', async () => {
    for (const unsafe of ['id with spaces', 'x'.repeat(200), 'a"b<script>']) {
      const response = await send(REGION_OVERVIEW, 'RegionOverview', { 'x-request-id': unsafe });
      const returned = response.headers.get('x-request-id') ?? '';
      expect(returned).not.toBe(unsafe);
      expect(returned).toMatch(/^[0-9a-f-]{36}$/);
      expect(linesWith(registryLogs.lines, returned).length).toBeGreaterThan(0);
    }
  });
});
