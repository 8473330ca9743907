import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from '@jianguan/platform';
import { TEST_JWKS } from '@jianguan/testing';
import {
  composeSupergraph,
  DEFAULT_SUPERGRAPH_PATH,
  loadGatewayConfig,
  subgraphSecretVariable,
  subgraphsOf,
} from '../src';

const pingSubgraph = (field: string) => `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query { ${field}: String }
`;

let dir: string;
let supergraphPath: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'jianguan-gateway-config-'));
  supergraphPath = path.join(dir, 'supergraph.graphql');
  writeFileSync(
    supergraphPath,
    composeSupergraph([
      { name: 'registry', typeDefs: pingSubgraph('a'), url: 'http://127.0.0.1:4001/graphql' },
      { name: 'online-course-filing', typeDefs: pingSubgraph('b'), url: 'http://127.0.0.1:4003/graphql' },
    ]),
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const problemsOf = (env: Record<string, string | undefined>): string[] => {
  try {
    loadGatewayConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('gateway configuration', () => {
  it('refuses to start without a secret for every subgraph, listing each one missing', () => {
    const problems = problemsOf({ JWT_JWKS: TEST_JWKS, SUPERGRAPH_PATH: supergraphPath });
    expect(problems).toEqual([
      'SUBGRAPH_ONLINE_COURSE_FILING_SECRET: missing (the secret the "online-course-filing" subgraph expects in x-subgraph-secret)',
      'SUBGRAPH_REGISTRY_SECRET: missing (the secret the "registry" subgraph expects in x-subgraph-secret)',
    ]);
  });

  it('lists every other problem in the same error', () => {
    const problems = problemsOf({
      SUPERGRAPH_PATH: supergraphPath,
      PORT: 'eighty',
      SUBGRAPH_REGISTRY_SECRET: 'short',
      SUBGRAPH_ONLINE_COURSE_FILING_SECRET: 'long-enough-secret-1',
      SUBGRAPH_REGISTRY_URL: 'not a url',
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^JWT_JWKS:/),
        expect.stringMatching(/^PORT:/),
        expect.stringMatching(/^SUBGRAPH_REGISTRY_SECRET: must be at least 16 characters/),
        expect.stringMatching(/^SUBGRAPH_REGISTRY_URL:/),
      ]),
    );
  });

  it('takes URLs from the supergraph unless overridden, and treats empty variables as unset', () => {
    const config = loadGatewayConfig({
      JWT_JWKS: TEST_JWKS,
      SUPERGRAPH_PATH: supergraphPath,
      SUBGRAPH_REGISTRY_SECRET: 'registry-secret-0001',
      SUBGRAPH_REGISTRY_URL: 'http://registry.jianguan.svc:4001/graphql',
      SUBGRAPH_ONLINE_COURSE_FILING_SECRET: 'filing-secret-00001',
      SUBGRAPH_ONLINE_COURSE_FILING_URL: '',
      PORT: '',
    });
    expect(config.PORT).toBe(4000);
    expect(config.subgraphs).toEqual([
      { name: 'online-course-filing', url: 'http://127.0.0.1:4003/graphql', secret: 'filing-secret-00001' },
      { name: 'registry', url: 'http://registry.jianguan.svc:4001/graphql', secret: 'registry-secret-0001' },
    ]);
  });

  it('bounds every subgraph call by default, and refuses a timeout or breaker setting that is not a number', () => {
    const secrets = {
      JWT_JWKS: TEST_JWKS,
      SUPERGRAPH_PATH: supergraphPath,
      SUBGRAPH_REGISTRY_SECRET: 'registry-secret-0001',
      SUBGRAPH_ONLINE_COURSE_FILING_SECRET: 'filing-secret-00001',
    };
    expect(loadGatewayConfig(secrets)).toMatchObject({
      SUBGRAPH_TIMEOUT_MS: 5000,
      SUBGRAPH_BREAKER_FAILURES: 3,
      SUBGRAPH_BREAKER_RESET_MS: 10_000,
    });
    expect(
      problemsOf({
        ...secrets,
        SUBGRAPH_TIMEOUT_MS: '5s',
        SUBGRAPH_BREAKER_FAILURES: '0',
        SUBGRAPH_BREAKER_RESET_MS: 'soon',
      }),
    ).toEqual([
      expect.stringMatching(/^SUBGRAPH_TIMEOUT_MS:/),
      expect.stringMatching(/^SUBGRAPH_BREAKER_FAILURES:/),
      expect.stringMatching(/^SUBGRAPH_BREAKER_RESET_MS:/),
    ]);
  });

  it('explains a missing supergraph file', () => {
    expect(problemsOf({ JWT_JWKS: TEST_JWKS, SUPERGRAPH_PATH: path.join(dir, 'absent.graphql') })).toEqual([
      expect.stringContaining('run `pnpm compose`'),
    ]);
  });

  it('reads the committed supergraph by default', () => {
    const secrets = Object.fromEntries(
      subgraphsOf(readFileSync(DEFAULT_SUPERGRAPH_PATH, 'utf8')).map((s) => [
        subgraphSecretVariable(s.name),
        'a-secret-of-sixteen',
      ]),
    );
    const config = loadGatewayConfig({ JWT_JWKS: TEST_JWKS, ...secrets });
    expect(config.SUPERGRAPH_PATH).toBe(DEFAULT_SUPERGRAPH_PATH);
    expect(config.subgraphs.map((s) => s.name)).toContain('registry');
  });
});
