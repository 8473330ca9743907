import { Counter } from 'prom-client';
import {
  createLogger,
  createMetricsRegistry,
  startOperationsServer,
  type RunningOperationsServer,
} from '../src';

/**
 * A worker's operations server over real HTTP: readiness follows the dependencies it checks (down or
 * not answering means 503), and /metrics serves the process's own registry.
 */
const logger = createLogger('ops-server-test', 'silent');
let dependency: 'up' | 'down' | 'hanging' = 'up';
let server: RunningOperationsServer;

beforeAll(async () => {
  const registry = createMetricsRegistry({ service: 'ops-test', process: 'worker' });
  new Counter({ name: 'ops_test_things_total', help: 'things', registers: [registry] }).inc(3);
  server = await startOperationsServer({
    name: 'ops-test-worker',
    host: '127.0.0.1',
    port: 0,
    registry,
    logger,
    readiness: async () => {
      if (dependency === 'down') throw new Error('connection refused');
      if (dependency === 'hanging') await new Promise(() => {});
    },
  });
});

afterAll(async () => {
  await server?.stop();
});

const readyz = async () => (await fetch(`${server.url}/readyz`)).status;

it('is ready while its dependencies answer, and not ready when one is down or hangs', async () => {
  expect(await readyz()).toBe(200);
  dependency = 'down';
  expect(await readyz()).toBe(503);
  dependency = 'hanging';
  const started = Date.now();
  expect(await readyz()).toBe(503);
  expect(Date.now() - started).toBeLessThan(5000);
  dependency = 'up';
  expect(await readyz()).toBe(200);
});

it('stays alive on /healthz and serves its own registry with the process labels', async () => {
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  const response = await fetch(`${server.url}/metrics`);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
  const text = await response.text();
  expect(text).toMatch(/^ops_test_things_total\{service="ops-test",process="worker"\} 3$/m);
  expect(text).toMatch(/^process_resident_memory_bytes\{service="ops-test",process="worker"\} \d+/m);
});
