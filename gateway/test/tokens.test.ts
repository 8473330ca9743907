import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { registryService } from '@jianguan/registry';
import { newSigningKeyPair, signToken, type RunningProcess } from '@jianguan/platform';
import {
  craftToken,
  createQueuePrefix,
  createTestDatabase,
  OLD_SHARED_SECRET,
  testEnv,
  testProcessEnv,
  tokenFor,
  TEST_SIGNING_KEY,
  TEST_SUBGRAPH_SECRET,
  type TestDatabase,
  type TestQueuePrefix,
} from '@jianguan/testing';
import { composeSupergraph, startGateway, type RunningGateway } from '../src';
import { postGraphQL, type GraphQLAnswer } from './support/http';

/**
 * Tokens are signed with a private key only the issuer holds; the gateway and the subgraphs verify
 * with public keys (JWT_JWKS). What a client sees when its token is not one the issuer would sign.
 */
const REGION_QUERY = `query Region($code: String!) { region(code: $code) { code name } }`;
const HOUR = 3600;
const now = () => Math.floor(Date.now() / 1000);

let db: TestDatabase;
let queue: TestQueuePrefix;
let registry: RunningProcess & { url: string };
let gateway: RunningGateway;
let gatewayEnv: Record<string, string>;
let supergraphDir: string;
const extra: RunningProcess[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  queue = createQueuePrefix();
  const env = testEnv(registryService, db, queue);
  registry = await registryService.startServer(env);
  supergraphDir = mkdtempSync(path.join(os.tmpdir(), 'jianguan-tokens-'));
  const supergraphPath = path.join(supergraphDir, 'supergraph.graphql');
  writeFileSync(
    supergraphPath,
    composeSupergraph([
      { name: registryService.name, typeDefs: registryService.typeDefs, url: registry.url },
    ]),
  );
  gatewayEnv = { ...env, SUPERGRAPH_PATH: supergraphPath, SUBGRAPH_REGISTRY_SECRET: TEST_SUBGRAPH_SECRET };
  gateway = await startGateway(gatewayEnv);
});

afterAll(async () => {
  for (const process of extra.reverse()) await process.stop();
  await gateway?.stop();
  await registry?.stop();
  await queue?.cleanup();
  await db?.drop();
  if (supergraphDir) rmSync(supergraphDir, { recursive: true, force: true });
});

const askRegion = (url: string, token: string) =>
  postGraphQL(url, REGION_QUERY, { variables: { code: '63' }, token });

function expectRefused(answer: GraphQLAnswer, message?: string | RegExp) {
  expect(answer.status).toBe(401);
  expect(answer.data).toBeUndefined();
  expect(answer.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  if (message) expect(answer.errors?.[0].message).toMatch(message);
}

describe('tokens: keys only the issuer holds', () => {
  it('accepts a token the issuer signed (EdDSA, with its kid)', async () => {
    const answer = await askRegion(gateway.url, await tokenFor({ scopes: ['admin'], regionCode: '63' }));
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual({ region: { code: '63', name: '青海省' } });
  });

  it('refuses a token signed with the old shared secret (HS256), at the gateway and at the subgraph', async () => {
    const token = await craftToken({ exp: now() + HOUR }, { hs256Secret: OLD_SHARED_SECRET });
    expectRefused(await askRegion(gateway.url, token), 'The token is not valid');
    // A subgraph verifies on its own too: the gateway's secret header does not make the token good.
    const direct = await postGraphQL(registry.url, REGION_QUERY, {
      variables: { code: '63' },
      token,
      headers: { 'x-subgraph-secret': TEST_SUBGRAPH_SECRET },
    });
    expectRefused(direct);
  });

  it('refuses a token without exp', async () => {
    expectRefused(await askRegion(gateway.url, await craftToken({})), '令牌缺少有效期（exp）');
  });

  it('refuses a token that lives longer than JWT_MAX_LIFETIME (12 h by default)', async () => {
    const tooLong = await craftToken({ exp: now() + 30 * 24 * HOUR });
    expectRefused(await askRegion(gateway.url, tooLong), '令牌有效期超过允许的最长时间（43200 秒）');
    // Back-dating iat does not help: what counts is how long it is still good from now.
    const backDated = await craftToken({ iat: now() + 20 * 24 * HOUR, exp: now() + 20 * 24 * HOUR + HOUR });
    expectRefused(await askRegion(gateway.url, backDated), /最长时间/);
    const fine = await craftToken({ exp: now() + 11 * HOUR });
    expect((await askRegion(gateway.url, fine)).data).toEqual({ region: { code: '63', name: '青海省' } });
  });

  it('refuses a region claim that is not a division code of 2, 4, 6, 9 or 12 digits', async () => {
    for (const regionCode of ['630', '6301021', '63ab', '']) {
      const token = await craftToken({ exp: now() + HOUR, regionCode });
      expectRefused(
        await askRegion(gateway.url, token),
        '令牌的辖区（regionCode）不是 2、4、6、9 或 12 位的区划代码',
      );
    }
  });

  it('refuses a token signed with a key that is not in the set, even under a known kid', async () => {
    const intruder = newSigningKeyPair(TEST_SIGNING_KEY.privateJwk.kid);
    const forged = await signToken(
      { ...TEST_SIGNING_KEY, privateJwk: intruder.privateJwk },
      { sub: 'intruder', name: '冒充者', scopes: ['admin'], regionCode: '63' },
    );
    expectRefused(await askRegion(gateway.url, forged), 'The token is not valid');
  });

  it('rotates by kid: with two keys in the set, tokens of either verify; a retired key stops working', async () => {
    const next = newSigningKeyPair('next-key');
    const current = newSigningKeyPair('current-key');
    const claims = { sub: 'rotating', name: '轮换', scopes: ['admin'], regionCode: '63' };
    const byCurrent = await signToken({ ...TEST_SIGNING_KEY, privateJwk: current.privateJwk }, claims);
    const byNext = await signToken({ ...TEST_SIGNING_KEY, privateJwk: next.privateJwk }, claims);

    const during = await startGateway({
      ...gatewayEnv,
      JWT_JWKS: JSON.stringify({ keys: [current.publicJwk, next.publicJwk] }),
    });
    extra.push(during);
    for (const token of [byCurrent, byNext]) {
      const answer = await postGraphQL(during.url, '{ __typename }', { token });
      expect(answer.status).toBe(200);
      expect(answer.data).toEqual({ __typename: 'Query' });
    }

    const after = await startGateway({ ...gatewayEnv, JWT_JWKS: JSON.stringify({ keys: [next.publicJwk] }) });
    extra.push(after);
    expect((await postGraphQL(after.url, '{ __typename }', { token: byNext })).status).toBe(200);
    expectRefused(
      await postGraphQL(after.url, '{ __typename }', { token: byCurrent }),
      'The token is not valid',
    );
  });

  it("fetches the keys from the identity provider's JWKS URL", async () => {
    const provider = newSigningKeyPair('provider-key');
    const jwks = http.createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [provider.publicJwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    extra.push({ stop: () => new Promise<void>((resolve) => jwks.close(() => resolve())) });
    const { port } = jwks.address() as { port: number };
    const remote = await startGateway({ ...gatewayEnv, JWT_JWKS: `http://127.0.0.1:${port}/jwks.json` });
    extra.push(remote);

    const claims = { sub: 'from-idp', name: '身份提供方', scopes: ['admin'], regionCode: '63' };
    const good = await signToken({ ...TEST_SIGNING_KEY, privateJwk: provider.privateJwk }, claims);
    expect((await postGraphQL(remote.url, '{ __typename }', { token: good })).status).toBe(200);
    expectRefused(await postGraphQL(remote.url, '{ __typename }', { token: await tokenFor(claims) }));
  });

  it('reads the keys from a file named by JWT_JWKS', async () => {
    const file = path.join(supergraphDir, 'jwks.json');
    writeFileSync(file, testProcessEnv(queue).JWT_JWKS);
    const fromFile = await startGateway({ ...gatewayEnv, JWT_JWKS: file });
    extra.push(fromFile);
    const answer = await askRegion(fromFile.url, await tokenFor({ scopes: ['admin'], regionCode: '63' }));
    expect(answer.data).toEqual({ region: { code: '63', name: '青海省' } });
  });

  it('refuses to start with a private key in JWT_JWKS', () => {
    const pair = newSigningKeyPair('leaked');
    expect(() =>
      startGateway({ ...gatewayEnv, JWT_JWKS: JSON.stringify({ keys: [pair.privateJwk] }) }),
    ).toThrow(/JWT_JWKS: the key set: keys\.0\.d holds a private key/);
  });
});
