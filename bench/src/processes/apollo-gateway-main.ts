/**
 * The baseline users would write: a stock @apollo/gateway in @apollo/server with defaults. The only
 * addition is the minimal RemoteGraphQLDataSource.willSendRequest our subgraphs require: their
 * `x-subgraph-secret` and the caller's Authorization header.
 */
import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { childProcessEnv } from './child-env';
import { failChild, sendToParent } from './ipc';

interface Context {
  authorization?: string;
}

async function main() {
  const supergraphSdl = readFileSync(String(childProcessEnv.SUPERGRAPH_PATH), 'utf8');
  const secrets = JSON.parse(String(childProcessEnv.BENCH_SUBGRAPH_SECRETS)) as Record<string, string>;
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) =>
      new (class extends RemoteGraphQLDataSource<Context> {
        override willSendRequest({
          request,
          context,
        }: Parameters<RemoteGraphQLDataSource<Context>['willSendRequest'] & object>[0]) {
          request.http?.headers.set('x-subgraph-secret', secrets[name]);
          if (context.authorization) request.http?.headers.set('authorization', context.authorization);
        }
      })({ url }),
  });
  const server = new ApolloServer<Context>({ gateway });
  const { url } = await startStandaloneServer(server, {
    listen: { port: Number(childProcessEnv.PORT), host: '127.0.0.1' },
    context: async ({ req }) => ({ authorization: req.headers.authorization }),
  });
  process.on('SIGTERM', () => {
    server.stop().finally(() => process.exit(0));
  });
  sendToParent({ type: 'ready', url });
}

main().catch(failChild);
