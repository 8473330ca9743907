import gql from 'graphql-tag';
import type { DataSource } from 'typeorm';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { SubgraphConfig } from './config';
import { openDataSource } from './data-source';
import { createLogger, type DestinationStream } from './logger';
import { runMain } from './main';
import { startSubgraph, type RequestContext } from './subgraph-server';

export interface ServiceServerOptions<C extends RequestContext> {
  name: string;
  config: SubgraphConfig;
  /** The service's schema-first SDL. */
  typeDefs: string;
  resolvers: GraphQLResolverMap<C>;
  /** The service's data source, not yet opened; migrations are the launcher's or the migration job's. */
  dataSource: DataSource;
  buildContext: (dataSource: DataSource) => (base: RequestContext) => C;
  /** Where log lines go instead of stdout (tests read them). */
  logDestination?: DestinationStream;
  /** Closes what the service opened besides its data source (queues, caches), after requests drain. */
  onStop?: () => Promise<void>;
}

/**
 * What every service's `server.ts` does: open its data source, serve its subgraph with a readiness
 * check on the database, and on stop drain requests before closing connections.
 */
export async function startServiceServer<C extends RequestContext>(options: ServiceServerOptions<C>) {
  const { config } = options;
  const dataSource = await openDataSource(options.dataSource, { migrate: false });
  const server = await startSubgraph<C>({
    name: options.name,
    config,
    logger: createLogger(options.name, config.LOG_LEVEL, options.logDestination),
    typeDefs: gql(options.typeDefs),
    resolvers: options.resolvers,
    buildContext: options.buildContext(dataSource),
    readiness: async () => {
      await dataSource.query('SELECT 1');
    },
    // Every service keeps its keys in its own schema (its migrations create the table).
    idempotency: { dataSource, schema: (dataSource.options as { schema: string }).schema },
  });
  return {
    url: server.url,
    port: server.port,
    operationsUrl: server.operationsUrl,
    dataSource,
    stop: async () => {
      await server.stop();
      await options.onStop?.();
      await dataSource.destroy();
    },
  };
}

/** Runs a service process started from the command line, with graceful shutdown on SIGTERM/SIGINT. */
export function runServiceMain(
  name: string,
  config: Pick<SubgraphConfig, 'LOG_LEVEL' | 'SHUTDOWN_GRACE_SECONDS'>,
  start: () => Promise<{ stop: () => Promise<void> }>,
): void {
  runMain(createLogger(name, config.LOG_LEVEL), config.SHUTDOWN_GRACE_SECONDS, start);
}
