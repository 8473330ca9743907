import http from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { registryService } from '@jianguan/registry';
import { newSigningKeyPair, signToken, type RunningProcess } from '@jianguan/platform';
import {
  createQueuePrefix,
  createTestDatabase,
  QINGHAI,
  testEnv,
  tokenFor,
  TEST_SIGNING_KEY,
  TEST_SUBGRAPH_SECRET,
  type TestDatabase,
  type TestQueuePrefix,
} from '@jianguan/testing';
import { composeSupergraph, startGateway, type RunningGateway } from '../src';
import { startCountingProxy, type CountingProxy } from './support/counting-proxy';
import { postGraphQL } from './support/http';

const REGION_QUERY = `query Region($code: String!) { region(code: $code) { code name level } }`;
const officialToken = () => tokenFor({ scopes: ['registry:write'], regionCode: QINGHAI.province });

/** `region(code) { children { children { … code } } }`, `depth` levels deep. */
function deepQuery(depth: number) {
  let selection = 'code';
  for (let level = 1; level < depth; level++) selection = `children { ${selection} }`;
  return `{ region(code: "63") { ${selection} } }`;
}

let db: TestDatabase;
let queue: TestQueuePrefix;
let registry: RunningProcess & { url: string };
let proxy: CountingProxy;
let gateway: RunningGateway;
let gatewayEnv: Record<string, string>;
let supergraphDir: string;

beforeAll(async () => {
  db = await createTestDatabase();
  queue = createQueuePrefix();
  const env = testEnv(registryService, db, queue);
  registry = await registryService.startServer(env);
  proxy = await startCountingProxy(registry.url);
  // Composed from the running subgraph (reached through the proxy), not the committed file.
  supergraphDir = mkdtempSync(path.join(os.tmpdir(), 'jianguan-gateway-'));
  const supergraphPath = path.join(supergraphDir, 'supergraph.graphql');
  writeFileSync(
    supergraphPath,
    composeSupergraph([{ name: registryService.name, typeDefs: registryService.typeDefs, url: proxy.url }]),
  );
  gatewayEnv = { ...env, SUPERGRAPH_PATH: supergraphPath, SUBGRAPH_REGISTRY_SECRET: TEST_SUBGRAPH_SECRET };
  gateway = await startGateway(gatewayEnv);
});

afterAll(async () => {
  await gateway?.stop();
  await proxy?.stop();
  await registry?.stop();
  await queue?.cleanup();
  await db?.drop();
  if (supergraphDir) rmSync(supergraphDir, { recursive: true, force: true });
});

/** Runs `act` and returns how many requests reached the subgraph meanwhile. */
async function subgraphCallsDuring(act: () => Promise<void>): Promise<number> {
  const before = proxy.requests.length;
  await act();
  return proxy.requests.length - before;
}

describe('authentication at the gateway', () => {
  it('forwards a valid token, the request id and the subgraph secret', async () => {
    const token = await officialToken();
    const answer = await postGraphQL(gateway.url, REGION_QUERY, {
      variables: { code: QINGHAI.province },
      token,
      headers: { 'x-request-id': 'client-chosen-id-1' },
    });
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual({ region: { code: '63', name: '青海省', level: 'PROVINCE' } });
    expect(answer.headers.get('x-request-id')).toBe('client-chosen-id-1');
    const sent = proxy.requests.at(-1)!;
    expect(sent['x-subgraph-secret']).toBe(TEST_SUBGRAPH_SECRET);
    expect(sent.authorization).toBe(`Bearer ${token}`);
    expect(sent['x-request-id']).toBe('client-chosen-id-1');
  });

  it('gives a request without an id one, and returns it', async () => {
    const answer = await postGraphQL(gateway.url, '{ __typename }');
    expect(answer.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses a forged token with 401 UNAUTHENTICATED before any subgraph is called', async () => {
    const forged = await signToken(
      { ...TEST_SIGNING_KEY, privateJwk: newSigningKeyPair().privateJwk },
      { sub: 'intruder', name: '冒充者', scopes: ['admin'], regionCode: '63' },
    );
    let answer!: Awaited<ReturnType<typeof postGraphQL>>;
    const calls = await subgraphCallsDuring(async () => {
      answer = await postGraphQL(gateway.url, REGION_QUERY, { variables: { code: '63' }, token: forged });
    });
    expect(answer.status).toBe(401);
    expect(answer.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(answer.errors?.[0].message).toBe('The token is not valid');
    expect(calls).toBe(0);
  });

  it('refuses an expired token with 401 UNAUTHENTICATED', async () => {
    const expired = await tokenFor(
      { scopes: ['admin'], regionCode: '63' },
      Math.floor(Date.now() / 1000) - 60,
    );
    const calls = await subgraphCallsDuring(async () => {
      const answer = await postGraphQL(gateway.url, REGION_QUERY, {
        variables: { code: '63' },
        token: expired,
      });
      expect(answer.status).toBe(401);
      expect(answer.errors?.[0]).toMatchObject({
        message: 'The token has expired',
        extensions: { code: 'UNAUTHENTICATED' },
      });
    });
    expect(calls).toBe(0);
  });

  it('refuses an Authorization header that is not a bearer token', async () => {
    const answer = await postGraphQL(gateway.url, '{ __typename }', {
      headers: { authorization: 'Basic YWI6Y2Q=' },
    });
    expect(answer.status).toBe(401);
    expect(answer.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('lets the public through and leaves the decision to the subgraph', async () => {
    const answer = await postGraphQL(gateway.url, REGION_QUERY, { variables: { code: '63' } });
    expect(answer.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(proxy.requests.at(-1)!.authorization).toBeUndefined();
  });
});

describe('query limits', () => {
  it('refuses a query 50 levels deep without calling a subgraph', async () => {
    const calls = await subgraphCallsDuring(async () => {
      const answer = await postGraphQL(gateway.url, deepQuery(50), { token: await officialToken() });
      expect(answer.status).toBe(400);
      expect(answer.data).toBeUndefined();
      expect(answer.errors).toContainEqual({
        message: 'Syntax Error: Query depth limit of 12 exceeded, found 51.',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      });
    });
    expect(calls).toBe(0);
  });

  it('still answers a query within the depth limit', async () => {
    const answer = await postGraphQL(gateway.url, deepQuery(4), { token: await officialToken() });
    expect(answer.errors).toBeUndefined();
  });

  it('refuses a query with 1,000 aliases without calling a subgraph', async () => {
    const aliases = Array.from({ length: 1000 }, (_, i) => `a${i}: code`).join(' ');
    const calls = await subgraphCallsDuring(async () => {
      const answer = await postGraphQL(gateway.url, `{ region(code: "63") { ${aliases} } }`, {
        token: await officialToken(),
      });
      expect(answer.status).toBe(400);
      expect(answer.data).toBeUndefined();
      expect(answer.errors).toEqual([
        {
          message: 'Syntax Error: Aliases limit of 30 exceeded, found 1000.',
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        },
      ]);
    });
    expect(calls).toBe(0);
  });

  it('refuses a query of more than 4,000 tokens without calling a subgraph', async () => {
    const fields = Array.from({ length: 1000 }, (_, i) => `f${i}: region(code: "63") { code }`).join(' ');
    const calls = await subgraphCallsDuring(async () => {
      const answer = await postGraphQL(gateway.url, `{ ${fields} }`, { token: await officialToken() });
      expect(answer.status).toBe(400);
      expect(answer.data).toBeUndefined();
      expect(answer.errors?.[0].message).toMatch(/more th\w* 4000 tokens/);
    });
    expect(calls).toBe(0);
  });
});

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
      expect(answer.errors).toEqual([
        expect.objectContaining({
          message: 'Internal server error',
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        }),
      ]);
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
      expect(answer.errors).toEqual([
        expect.objectContaining({
          message: 'Internal server error',
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        }),
      ]);
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
