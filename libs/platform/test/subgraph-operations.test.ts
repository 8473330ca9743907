import { Writable } from 'node:stream';
import gql from 'graphql-tag';
import {
  createLogger,
  newSigningKeyPair,
  parseConfig,
  startSubgraph,
  subgraphConfigSchema,
  type RequestContext,
  type RunningServer,
} from '../src';

const TEST_JWKS = JSON.stringify({ keys: [newSigningKeyPair().publicJwk] });

/**
 * A real subgraph server with a two-field schema: what a resolver logs and what an internal error
 * logs carry the request id the gateway sent, and the error is counted in /metrics.
 */
const SECRET = 'subgraph-secret-for-this-test';
const lines: Record<string, unknown>[] = [];
const destination = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(JSON.parse(line));
    done();
  },
});
let server: RunningServer;

beforeAll(async () => {
  const config = parseConfig(subgraphConfigSchema, {
    NODE_ENV: 'test',
    PORT: '0',
    JWT_JWKS: TEST_JWKS,
    SUBGRAPH_SECRET: SECRET,
  });
  server = await startSubgraph<RequestContext>({
    name: 'ops-test',
    config,
    logger: createLogger('ops-test', 'info', destination),
    typeDefs: gql`
      type Query {
        hello: String
        boom: String
      }
    `,
    resolvers: {
      Query: {
        hello: (_parent: unknown, _args: unknown, context: RequestContext) => {
          context.logger.info('resolver ran');
          return 'hi';
        },
        boom: () => {
          throw new Error('connection to the database exploded');
        },
      },
    },
    buildContext: (base) => base,
    readiness: async () => {},
  });
});

afterAll(async () => {
  await server?.stop();
});

const ask = (query: string, requestId: string) =>
  fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-subgraph-secret': SECRET, 'x-request-id': requestId },
    body: JSON.stringify({ query }),
  });

it('gives resolvers a logger that carries the request id', async () => {
  const response = await ask('query Greeting { hello }', 'req-resolver-1');
  expect(await response.json()).toEqual({ data: { hello: 'hi' } });
  expect(response.headers.get('x-request-id')).toBe('req-resolver-1');
  expect(lines).toContainEqual(expect.objectContaining({ msg: 'resolver ran', requestId: 'req-resolver-1' }));
});

it('logs an internal error with the request id, masks it for the caller, and counts it', async () => {
  const response = await ask('query Explode { boom }', 'req-error-1');
  const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
  expect(body.errors[0]).toMatchObject({
    message: 'Internal server error',
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  });
  const logged = lines.filter((line) => line.msg === 'internal error');
  expect(logged).toHaveLength(1);
  expect(logged[0]).toMatchObject({
    requestId: 'req-error-1',
    operationName: 'Explode',
    err: expect.objectContaining({ message: 'connection to the database exploded' }),
  });

  const metrics = await (await fetch(`${server.operationsUrl}/metrics`)).text();
  expect(metrics).toMatch(
    /^jianguan_graphql_errors_total\{operation="Explode",code="INTERNAL_SERVER_ERROR",service="ops-test",process="subgraph"\} 1$/m,
  );
});
