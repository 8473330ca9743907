import { metricValue, QINGHAI, scrapeMetrics, tokenFor } from '@jianguan/testing';
import { postGraphQL, type GraphQLResponse } from './support/federation';
import { until } from './support/polling';
import { qihangSchool } from './support/registry-operations';
import { useFederationStack } from './support/stack';

/**
 * One department's subgraph goes down under a running gateway (issue 19, point 15;
 * docs/security.md "One department down is not the whole graph down"): the province dashboard
 * still shows the other four departments, the missing part is null with an error naming the
 * service and the path, a subgraph that never answers costs a bounded time, readiness and
 * /metrics say which subgraph is down, and the gateway notices without a restart when it is back.
 */
const TIMEOUT_MS = 1000;
const { federation } = useFederationStack({
  env: {
    SUBGRAPH_TIMEOUT_MS: String(TIMEOUT_MS),
    SUBGRAPH_BREAKER_FAILURES: '3',
    SUBGRAPH_BREAKER_RESET_MS: '500',
  },
});
let official: string;

beforeAll(async () => {
  official = await tokenFor({ scopes: ['admin'], regionCode: QINGHAI.province, name: '省教育厅 督导' });
  const registered = await federation.query(
    `mutation Register($input: RegisterInstitutionInput!) { registerInstitution(input: $input) { id } }`,
    { input: qihangSchool() },
    official,
  );
  expect(registered.errors).toBeUndefined();
});

const DASHBOARD = `query Dashboard($code: String!) {
  region(code: $code) {
    code name
    institutionStats { total }
    reviewStats { submitted }
    filingStats { institutionsFiled }
    rectificationStats { open }
    listStats { white grey black }
  }
}`;

const INSTITUTIONS = `query Page($filter: InstitutionFilter) {
  institutions(filter: $filter, first: 10) {
    edges { node { name qualificationApplications { status } rectificationOrders { status } } }
  }
}`;

type Dashboard = { region: Record<string, unknown> | null };

/** Asks, as a client would, and gives up after 10 s so a hanging gateway fails the test instead of stalling it. */
async function ask<T>(query: string, variables: Record<string, unknown>) {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const answer = await Promise.race([
    postGraphQL<T>(federation.gatewayUrl, query, variables, { authorization: `Bearer ${official}` }),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('the gateway did not answer within 10 s')), 10_000);
    }),
  ]).finally(() => clearTimeout(timer));
  return { answer, ms: Date.now() - started };
}

const dashboard = () => ask<Dashboard>(DASHBOARD, { code: QINGHAI.province });

const origin = () => new URL(federation.gatewayUrl).origin;
const subgraphUp = async (subgraph: string) =>
  metricValue(
    await scrapeMetrics(`${federation.operationsUrls.gateway}/metrics`),
    'jianguan_gateway_subgraph_up',
    { subgraph },
  );
const unavailableCalls = async (reason: string) =>
  metricValue(
    await scrapeMetrics(`${federation.operationsUrls.gateway}/metrics`),
    'jianguan_gateway_subgraph_unavailable_total',
    {
      subgraph: 'enforcement',
      reason,
    },
  ) ?? 0;
const readiness = async () => {
  const response = await fetch(`${origin()}/readyz`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

/** The four departments that still answer, as the dashboard shows them with one institution on file. */
const FOUR_DEPARTMENTS = {
  code: QINGHAI.province,
  name: '青海省',
  institutionStats: { total: 1 },
  reviewStats: { submitted: 0 },
  filingStats: { institutionsFiled: 0 },
  listStats: { white: 0, grey: 0, black: 0 },
};

function expectEnforcementMissing(answer: GraphQLResponse<Dashboard>) {
  expect(answer.status).toBe(200);
  expect(answer.data?.region).toEqual({ ...FOUR_DEPARTMENTS, rectificationStats: null });
  expect(answer.errors).toEqual([
    expect.objectContaining({
      message: expect.stringContaining('enforcement'),
      path: ['region', 'rectificationStats'],
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', service: 'enforcement' },
    }),
  ]);
}

/** Waits, without restarting anything, until the dashboard shows enforcement's part again. */
async function expectRecovered() {
  const { answer } = await until(dashboard, ({ answer }) => answer.errors === undefined, 10_000);
  expect(answer.errors).toBeUndefined();
  expect(answer.data?.region).toEqual({ ...FOUR_DEPARTMENTS, rectificationStats: { open: 0 } });
  expect(await subgraphUp('enforcement')).toBe(1);
  expect((await readiness()).body).toMatchObject({ subgraphs: { enforcement: 'up' } });
}

it('answers the whole dashboard while every department is up', async () => {
  const { answer } = await dashboard();
  expect(answer.errors).toBeUndefined();
  expect(answer.data?.region).toEqual({ ...FOUR_DEPARTMENTS, rectificationStats: { open: 0 } });
  expect(await readiness()).toEqual({
    status: 200,
    body: {
      status: 'ready',
      subgraphs: {
        registry: 'up',
        'qualification-review': 'up',
        'online-course-filing': 'up',
        enforcement: 'up',
        'public-list': 'up',
      },
    },
  });
});

describe('with enforcement stopped', () => {
  beforeAll(() => federation.subgraph('enforcement').stop());

  it('answers the dashboard with the four other departments and an error naming enforcement', async () => {
    const { answer } = await dashboard();
    expectEnforcementMissing(answer);
  });

  it('answers a page of institutions with their other departments’ fields', async () => {
    const { answer } = await ask<{ institutions: { edges: { node: unknown }[] } }>(INSTITUTIONS, {
      filter: { regionCode: QINGHAI.chengdong },
    });
    expect(answer.data?.institutions.edges).toEqual([
      { node: { name: '西宁启航培训学校', qualificationApplications: [], rectificationOrders: null } },
    ]);
    expect(answer.errors).toEqual([
      expect.objectContaining({
        path: ['institutions', 'edges', 0, 'node', 'rectificationOrders'],
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', service: 'enforcement' },
      }),
    ]);
  });

  it('once enforcement is known down, answers without calling it, and says so in readiness and /metrics', async () => {
    await dashboard(); // the third failure in a row opens the breaker
    expect(await subgraphUp('enforcement')).toBe(0);
    expect(await subgraphUp('registry')).toBe(1);
    // Still ready: the gateway serves the other departments, and readiness says which one is down.
    expect(await readiness()).toMatchObject({
      status: 200,
      body: { status: 'ready', subgraphs: { enforcement: 'down', registry: 'up', 'public-list': 'up' } },
    });
    const refusedBefore = await unavailableCalls('circuit_open');
    expectEnforcementMissing((await dashboard()).answer);
    expect(await unavailableCalls('circuit_open')).toBe(refusedBefore + 1);
  });

  it('notices without a restart that enforcement is back', async () => {
    await federation.subgraph('enforcement').start();
    await expectRecovered();
  });
});

describe('with enforcement accepting connections but never answering', () => {
  beforeAll(() => federation.subgraph('enforcement').hang());

  it('answers within its subgraph timeout, with the four other departments', async () => {
    const timedOutBefore = await unavailableCalls('timeout');
    const { answer, ms } = await dashboard();
    expectEnforcementMissing(answer);
    expect(ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(ms).toBeLessThan(TIMEOUT_MS + 1500);
    expect(await unavailableCalls('timeout')).toBe(timedOutBefore + 1);
  });

  it('answers at once after enough timeouts, and recovers when enforcement answers again', async () => {
    await dashboard();
    await dashboard(); // three timeouts in a row: known down
    const refusedBefore = await unavailableCalls('circuit_open');
    const { answer, ms } = await dashboard();
    expectEnforcementMissing(answer);
    // Not sent at all, so no waiting for the timeout.
    expect(await unavailableCalls('circuit_open')).toBe(refusedBefore + 1);
    expect(ms).toBeLessThan(TIMEOUT_MS * 0.8);
    expect(await subgraphUp('enforcement')).toBe(0);

    await federation.subgraph('enforcement').start();
    await expectRecovered();
  });
});
