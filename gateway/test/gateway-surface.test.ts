import http from 'node:http';
import type { RunningProcess } from '@jianguan/platform';
import { QINGHAI, tokenFor } from '@jianguan/testing';
import { subgraphCallsDuring as callsThrough, type CountingProxy } from './support/counting-proxy';
import { postGraphQL, type GraphQLAnswer } from './support/http';
import { officialToken, REGION_QUERY, useRegistryGateway } from './support/registry-gateway';
import { startGateway, type RunningGateway } from '../src';

/**
 * The gateway in front of the registry (behind a counting proxy): subgraphs that answer the gateway
 * only, the errors a client sees, and the HTTP surface.
 */
const bed = useRegistryGateway({ proxy: true, dirPrefix: 'jianguan-gateway-' });
let registry: RunningProcess & { url: string };
let proxy: CountingProxy;
let gateway: RunningGateway;
let gatewayEnv: Record<string, string>;

beforeAll(() => {
  ({ registry, proxy, gateway, gatewayEnv } = bed);
});

/** What a client sees of a subgraph that fails the gateway: an internal error, nothing of the cause. */
function expectInternalError(answer: GraphQLAnswer) {
  expect(answer.errors).toEqual([
    expect.objectContaining({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    }),
  ]);
}

/** Runs `act` and returns how many requests reached the subgraph meanwhile. */
const subgraphCallsDuring = (act: () => Promise<void>) => callsThrough(proxy, act);

describe('subgraphs answer the gateway only', () => {
  it('refuses a direct request without the secret header with 403 FORBIDDEN', async () => {
    const answer = await postGraphQL(registry.url, REGION_QUERY, {
      variables: { code: '63' },
      token: await officialToken(),
    });
    expect(answer.status).toBe(403);
    expect(answer.errors?.[0].extensions).toEqual({ code: 'FORBIDDEN' });
  });

  it('refuses a direct request with a wrong secret', async () => {
    const answer = await postGraphQL(registry.url, '{ __typename }', {
      headers: { 'x-subgraph-secret': 'guessed-secret-value' },
    });
    expect(answer.status).toBe(403);
  });

  it('masks a subgraph refusing a misconfigured gateway, without leaking its URL', async () => {
    const misconfigured = await startGateway({
      ...gatewayEnv,
      SUBGRAPH_REGISTRY_SECRET: 'not-the-registry-secret',
    });
    try {
      const answer = await postGraphQL(misconfigured.url, REGION_QUERY, {
        variables: { code: '63' },
        token: await officialToken(),
      });
      expectInternalError(answer);
      expect(JSON.stringify(answer)).not.toContain('127.0.0.1');
    } finally {
      await misconfigured.stop();
    }
  });

  it('masks an answer that is not GraphQL, such as a proxy’s error page', async () => {
    const page = http.createServer((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' }).end('<h1>502 Bad Gateway</h1> upstream 10.0.0.7');
    });
    await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
    const behindProxy = await startGateway({
      ...gatewayEnv,
      SUBGRAPH_REGISTRY_URL: `http://127.0.0.1:${(page.address() as { port: number }).port}/graphql`,
    });
    try {
      const answer = await postGraphQL(behindProxy.url, REGION_QUERY, {
        variables: { code: '63' },
        token: await officialToken(),
      });
      expectInternalError(answer);
      expect(JSON.stringify(answer)).not.toMatch(/Bad Gateway|10\.0\.0\.7|127\.0\.0\.1/);
    } finally {
      await behindProxy.stop();
      await new Promise((resolve) => page.close(resolve));
    }
  });
});

describe('errors reaching the client', () => {
  it("passes a subgraph's BAD_USER_INPUT through with its field", async () => {
    const answer = await postGraphQL(
      gateway.url,
      `mutation Register($input: RegisterInstitutionInput!) { registerInstitution(input: $input) { id } }`,
      {
        token: await officialToken(),
        variables: {
          input: {
            name: '雏鹰教育',
            creditCode: '52630102MJY0000000',
            kind: 'OFFLINE',
            category: 'SUBJECT',
            regionCode: QINGHAI.chengdong,
            address: '城东区东关大街 1 号',
          },
        },
      },
    );
    expect(answer.status).toBe(200);
    expect(answer.errors).toHaveLength(1);
    expect(answer.errors?.[0]).toMatchObject({ path: ['registerInstitution'], message: expect.any(String) });
    expect(answer.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'creditCode' });
  });

  it("passes a subgraph's FORBIDDEN through", async () => {
    const answer = await postGraphQL(
      gateway.url,
      `mutation { joinNationalPlatform(institutionId: "7c4f3a5e-5d8b-4a51-9c51-3f0c2d8a1b2e") { id } }`,
      { token: await tokenFor({ scopes: ['review:decide'], regionCode: '63' }) },
    );
    expect(answer.errors?.[0].extensions).toEqual({ code: 'FORBIDDEN' });
  });

  /** A JSON POST of the body exactly as given, anonymous or with a token. */
  const postBody = (body: string, token?: string) =>
    fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body,
    });

  it('answers a malformed JSON body with 400', async () => {
    const response = await postBody('{"query": ');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      errors: [{ message: 'Malformed request', extensions: { code: 'BAD_REQUEST' } }],
    });
  });

  it('answers a JSON body that is not a request object with 400', async () => {
    const response = await postBody('"{ __typename }"');
    expect(response.status).toBe(400);
  });

  it('refuses a body over 1 MiB with 413, signed in or not, and keeps serving', async () => {
    const body = JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(1024 * 1024) } });
    for (const token of [undefined, await officialToken()]) {
      const response = await postBody(body, token);
      expect(response.status).toBe(413);
      expect(((await response.json()) as { errors: { extensions: unknown }[] }).errors[0].extensions).toEqual(
        {
          code: 'BAD_REQUEST',
        },
      );
    }
    expect((await postGraphQL(gateway.url, '{ __typename }')).data).toEqual({ __typename: 'Query' });
  });
});

describe('HTTP surface', () => {
  it('prevents CSRF: a simple GET request without a preflight header is refused', async () => {
    const response = await fetch(`${gateway.url}?query=${encodeURIComponent('{ __typename }')}`);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF/);
  });

  it('serves /healthz and /readyz', async () => {
    const base = gateway.url.replace(/\/graphql$/, '');
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok', service: 'gateway' });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
  });

  it('allows introspection outside production', async () => {
    const answer = await postGraphQL(gateway.url, '{ __schema { queryType { name } } }');
    expect(answer.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it('disables introspection under NODE_ENV=production', async () => {
    const production = await startGateway({ ...gatewayEnv, NODE_ENV: 'production' });
    try {
      const calls = await subgraphCallsDuring(async () => {
        const answer = await postGraphQL(production.url, '{ __schema { queryType { name } } }');
        expect(answer.status).toBe(400);
        expect(answer.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
        expect(answer.errors?.[0].message).toMatch(/introspection is not allowed/i);
      });
      expect(calls).toBe(0);
      // Ordinary queries still work.
      const answer = await postGraphQL(production.url, REGION_QUERY, {
        variables: { code: '63' },
        token: await officialToken(),
      });
      expect(answer.data).toEqual({ region: expect.objectContaining({ code: '63' }) });
    } finally {
      await production.stop();
    }
  });
});
