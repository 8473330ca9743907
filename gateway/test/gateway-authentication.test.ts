import { newSigningKeyPair, signToken } from '@jianguan/platform';
import { QINGHAI, tokenFor, TEST_SIGNING_KEY, TEST_SUBGRAPH_SECRET } from '@jianguan/testing';
import { subgraphCallsDuring as callsThrough, type CountingProxy } from './support/counting-proxy';
import { postGraphQL } from './support/http';
import { officialToken, REGION_QUERY, useRegistryGateway } from './support/registry-gateway';
import type { RunningGateway } from '../src';

/**
 * The gateway in front of the registry (behind a counting proxy): who gets through, and which queries
 * are refused before any subgraph is called.
 */
const bed = useRegistryGateway({ proxy: true, dirPrefix: 'jianguan-gateway-' });
let proxy: CountingProxy;
let gateway: RunningGateway;

beforeAll(() => {
  ({ proxy, gateway } = bed);
});

/** `region(code) { children { children { … code } } }`, `depth` levels deep. */
function deepQuery(depth: number) {
  let selection = 'code';
  for (let level = 1; level < depth; level++) selection = `children { ${selection} }`;
  return `{ region(code: "63") { ${selection} } }`;
}

/** Runs `act` and returns how many requests reached the subgraph meanwhile. */
const subgraphCallsDuring = (act: () => Promise<void>) => callsThrough(proxy, act);

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
