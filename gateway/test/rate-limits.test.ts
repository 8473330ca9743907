import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { registryService } from '@jianguan/registry';
import {
  createQueuePrefix,
  metricValue,
  scrapeMetrics,
  tokenFor,
  TEST_JWKS,
  OLD_SHARED_SECRET,
  craftToken,
  TEST_REDIS_URL,
  TEST_SUBGRAPH_SECRET,
  type TestQueuePrefix,
} from '@jianguan/testing';
import { ConfigError } from '@jianguan/platform';
import { composeSupergraph, loadGatewayConfig, startGateway, type RunningGateway } from '../src';

/**
 * Per-address limits at the gateway (gateway/src/rate-limits.ts), counted in the real Redis.
 * Nothing here reaches a subgraph (`{ __typename }` and refused tokens), so none is started.
 * The gateways trust the loopback proxy, so each test is its own client by X-Forwarded-For.
 */
let queue: TestQueuePrefix;
let dir: string;
let env: Record<string, string>;
const started: RunningGateway[] = [];

beforeAll(() => {
  queue = createQueuePrefix();
  dir = mkdtempSync(path.join(os.tmpdir(), 'jianguan-rate-limits-'));
  const supergraphPath = path.join(dir, 'supergraph.graphql');
  writeFileSync(
    supergraphPath,
    composeSupergraph([
      { name: registryService.name, typeDefs: registryService.typeDefs, url: 'http://127.0.0.1:9/graphql' },
    ]),
  );
  env = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    PORT: '0',
    JWT_JWKS: TEST_JWKS,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: queue.prefix,
    SUPERGRAPH_PATH: supergraphPath,
    SUBGRAPH_REGISTRY_SECRET: TEST_SUBGRAPH_SECRET,
    RATE_LIMIT_ANONYMOUS_REQUESTS: '3',
    RATE_LIMIT_FAILED_AUTH: '3',
    TRUSTED_PROXIES: 'loopback',
  };
});

afterAll(async () => {
  for (const gateway of started) await gateway.stop();
  await queue?.cleanup();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function gateway(extra: Record<string, string> = {}): Promise<RunningGateway> {
  const running = await startGateway({ ...env, ...extra });
  started.push(running);
  return running;
}

/** `{ __typename }` from `client` (as the trusted proxy reports it), with or without a token. */
const ask = (on: RunningGateway, client: string, token?: string) =>
  fetch(on.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-forwarded-for': client,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query: '{ __typename }' }),
  });

type Refusal = { errors: { message: string; extensions: Record<string, unknown> }[] };

async function expectRefused(response: Response, message: RegExp) {
  expect(response.status).toBe(429);
  const retryAfter = Number(response.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  const body = (await response.json()) as Refusal;
  expect(body.errors).toHaveLength(1);
  expect(body.errors[0].message).toMatch(message);
  expect(body.errors[0].message).toContain(`${retryAfter} 秒后再试`);
  expect(body.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: retryAfter });
}

// Signed with the shared secret of old, which no process accepts any more.
const forgedToken = () =>
  craftToken(
    { sub: 'intruder', name: '冒充者', exp: Math.floor(Date.now() / 1000) + 600 },
    { hs256Secret: OLD_SHARED_SECRET },
  );

describe('rate limits at the gateway', () => {
  it('refuses the public over its limit with 429, Retry-After and a Chinese message', async () => {
    const one = await gateway();
    for (let i = 0; i < 3; i++) expect((await ask(one, '203.0.113.1')).status).toBe(200);
    await expectRefused(await ask(one, '203.0.113.1'), /^请求过于频繁，请 \d+ 秒后再试$/);
    // Another address, and a signed-in official at the same address, are still answered.
    expect((await ask(one, '203.0.113.2')).status).toBe(200);
    const token = await tokenFor({ scopes: [], regionCode: '63' });
    expect((await ask(one, '203.0.113.1', token)).status).toBe(200);
  });

  it('shares one count between two gateways on one Redis', async () => {
    const [a, b] = [await gateway(), await gateway()];
    expect((await ask(a, '203.0.113.10')).status).toBe(200);
    expect((await ask(b, '203.0.113.10')).status).toBe(200);
    expect((await ask(a, '203.0.113.10')).status).toBe(200);
    await expectRefused(await ask(b, '203.0.113.10'), /^请求过于频繁/);
  });

  it('believes X-Forwarded-For only from a trusted proxy', async () => {
    const direct = await gateway({ TRUSTED_PROXIES: '' });
    // Without a trusted proxy, a new forged address per request does not escape the count.
    for (let i = 0; i < 3; i++) expect((await ask(direct, `198.51.100.${i}`)).status).toBe(200);
    await expectRefused(await ask(direct, '198.51.100.99'), /^请求过于频繁/);
  });

  it('after repeated failed authentications, refuses that address even a valid token for a while', async () => {
    const one = await gateway();
    for (let i = 0; i < 3; i++)
      expect((await ask(one, '203.0.113.30', await forgedToken())).status).toBe(401);
    const valid = await tokenFor({ scopes: [], regionCode: '63' });
    // A failure is counted once its answer has gone out; wait for the last one to land.
    let response = await ask(one, '203.0.113.30', valid);
    for (let tries = 0; response.status !== 429 && tries < 20; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      response = await ask(one, '203.0.113.30', valid);
    }
    await expectRefused(response, /^身份验证失败次数过多，请 \d+ 秒后再试$/);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(60);
    // Other addresses sign in as usual.
    expect((await ask(one, '203.0.113.31', valid)).status).toBe(200);
  });

  it('shows the limits and the refusals in /metrics', async () => {
    const one = await gateway({ RATE_LIMIT_ANONYMOUS_WINDOW_SECONDS: '30' });
    for (let i = 0; i < 4; i++) await ask(one, '203.0.113.40');
    const metrics = await scrapeMetrics(`${one.operationsUrl}/metrics`);
    expect(metricValue(metrics, 'jianguan_gateway_rate_limit_requests', { limit: 'anonymous' })).toBe(3);
    expect(metricValue(metrics, 'jianguan_gateway_rate_limit_window_seconds', { limit: 'anonymous' })).toBe(
      30,
    );
    expect(
      metricValue(metrics, 'jianguan_gateway_rate_limit_requests', { limit: 'failed_authentication' }),
    ).toBe(3);
    expect(metricValue(metrics, 'jianguan_gateway_rate_limited_requests_total', { limit: 'anonymous' })).toBe(
      1,
    );
  });

  it('will not start with a trusted proxy that is not an address, a range or a known name', () => {
    expect(() => loadGatewayConfig({ ...env, TRUSTED_PROXIES: 'loopback, ingress.local' })).toThrow(
      new ConfigError([
        'TRUSTED_PROXIES: must be addresses, CIDR ranges, loopback, linklocal or uniquelocal',
      ]),
    );
  });
});
