import { ConfigError, newSigningKeyPair, parseConfig, subgraphConfigSchema } from '../src';

const TEST_JWKS = JSON.stringify({ keys: [newSigningKeyPair().publicJwk] });

describe('configuration', () => {
  it('lists every problem at once instead of failing on the first', () => {
    let thrown: unknown;
    try {
      parseConfig(subgraphConfigSchema, { JWT_JWKS: '{"keys": []}', PORT: 'abc' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    const problems = (thrown as ConfigError).problems.join('\n');
    expect(problems).toMatch(/JWT_JWKS/);
    expect(problems).toMatch(/PORT/);
    expect(problems).toMatch(/SUBGRAPH_SECRET/);
  });

  it('applies defaults to what is not given', () => {
    const config = parseConfig(subgraphConfigSchema, {
      JWT_JWKS: TEST_JWKS,
      SUBGRAPH_SECRET: 'y'.repeat(16),
      PORT: '4001',
    });
    expect(config.PORT).toBe(4001);
    expect(config.QUEUE_PREFIX).toBe('jianguan');
    expect(config.NODE_ENV).toBe('development');
  });
});
