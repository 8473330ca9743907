import { startFederation, type TestFederation } from '../../e2e/support/federation';
import { TEST_KEYS } from '@jianguan/testing';
import { DEMO_SERVICE_ENV } from '../demo/demo-env';
import { loadDemo, type LoadDemoResult } from '../demo/load-demo';
import { demoRoleQueries, type DemoRoleQuery } from '../demo/role-queries';

jest.setTimeout(120_000);

let federation: TestFederation;
let loaded: LoadDemoResult;
let queries: DemoRoleQuery[];

beforeAll(async () => {
  federation = await startFederation({ workers: true, env: DEMO_SERVICE_ENV });
  const started = Date.now();
  loaded = await loadDemo({
    gatewayUrl: federation.gatewayUrl,
    keys: TEST_KEYS,
    size: 150,
    seed: 63,
    say: (m) => process.stderr.write(`[demo] ${m}\n`),
  });
  process.stderr.write(`[demo] loaded in ${Date.now() - started} ms\n`);
  queries = await demoRoleQueries(TEST_KEYS, loaded.summary);
});

afterAll(async () => {
  await federation?.stop();
});

test('every printed query answers without errors', async () => {
  for (const q of queries) {
    const result = await federation.query(q.query, q.variables, q.token ?? undefined);
    process.stderr.write(`${q.role}\n${JSON.stringify(result).slice(0, 1500)}\n`);
    expect(result.errors).toBeUndefined();
  }
});
