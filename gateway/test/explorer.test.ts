import { readFileSync } from 'node:fs';
import { TEST_JWKS, TEST_SUBGRAPH_SECRET } from '@jianguan/testing';
import {
  DEFAULT_SUPERGRAPH_PATH,
  startGateway,
  subgraphSecretVariable,
  subgraphsOf,
  type RunningGateway,
} from '../src';

/** The committed supergraph; no subgraph is called, so none needs to run. */
function gatewayEnv(nodeEnv: string): Record<string, string> {
  const secrets = subgraphsOf(readFileSync(DEFAULT_SUPERGRAPH_PATH, 'utf8')).map(
    ({ name }) => [subgraphSecretVariable(name), TEST_SUBGRAPH_SECRET] as const,
  );
  return {
    NODE_ENV: nodeEnv,
    LOG_LEVEL: 'silent',
    JWT_JWKS: TEST_JWKS,
    PORT: '0',
    ...Object.fromEntries(secrets),
  };
}

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

/** Every `src`/`href` of script and link elements, resolved against the page. */
function referencedAssets(html: string, pageUrl: string): URL[] {
  const found = [...html.matchAll(/<(?:script|link)\b[^>]*?\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
  return found.map((ref) => new URL(ref, pageUrl));
}

describe('offline GraphQL explorer (development)', () => {
  let gateway: RunningGateway;
  let origin: string;

  beforeAll(async () => {
    gateway = await startGateway(gatewayEnv('development'));
    origin = new URL(gateway.url).origin;
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it.each(['/explorer', '/graphql'])('serves GraphiQL and all its assets locally at %s', async (pagePath) => {
    const page = await fetch(`${origin}${pagePath}`, { headers: { accept: BROWSER_ACCEPT } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('graphiql');

    // No host other than the gateway's own: nothing is loaded from a CDN.
    const hosts = [...html.matchAll(/https?:\/\/[^\s"'<>]+/g)].map((m) => new URL(m[0]).origin);
    expect(hosts.filter((host) => host !== origin)).toEqual([]);

    const assets = referencedAssets(html, `${origin}${pagePath}`);
    expect(assets.map((asset) => asset.pathname)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/react\.production\.min\.js$/),
        expect.stringMatching(/react-dom\.production\.min\.js$/),
        expect.stringMatching(/graphiql\.min\.js$/),
        expect.stringMatching(/graphiql\.min\.css$/),
      ]),
    );
    for (const asset of assets) {
      expect(asset.origin).toBe(origin);
      const response = await fetch(asset);
      expect({ asset: asset.pathname, status: response.status }).toEqual({
        asset: asset.pathname,
        status: 200,
      });
      const type = response.headers.get('content-type') ?? '';
      expect(type).toMatch(asset.pathname.endsWith('.css') ? /^text\/css/ : /javascript/);
      expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(0);
    }
  });

  it('serves only the listed assets, not arbitrary files from node_modules', async () => {
    for (const file of ['package.json', '..%2F..%2Fpackage.json', 'graphiql.js']) {
      const response = await fetch(`${origin}/explorer/assets/${file}`);
      expect(response.status).toBe(404);
    }
  });

  it('still answers GraphQL clients on /graphql', async () => {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('GraphQL explorer in production', () => {
  let gateway: RunningGateway;

  beforeAll(async () => {
    gateway = await startGateway(gatewayEnv('production'));
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it('is not served, and Apollo shows no landing page', async () => {
    const origin = new URL(gateway.url).origin;
    expect((await fetch(`${origin}/explorer`, { headers: { accept: BROWSER_ACCEPT } })).status).toBe(404);
    const landing = await fetch(gateway.url, { headers: { accept: BROWSER_ACCEPT } });
    expect(landing.headers.get('content-type') ?? '').not.toMatch(/^text\/html/);
    expect(await landing.text()).not.toMatch(/<script/i);
  });
});
