import gql from 'graphql-tag';
import type { DataSource } from 'typeorm';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { SubgraphConfig } from './config';
import { openDataSource } from './data-source';
import { createLogger, type DestinationStream } from './logger';
import { runMain } from './main';
import type { ServerStartOptions } from './service-definition';
import type { ServiceBase } from './service-base';
import { startSubgraph, type RequestContext } from './subgraph-server';

/** What a service's subgraph server adds to its base: what differs between services and nothing else. */
export interface ServiceServerDefinition<Cfg extends SubgraphConfig, C extends RequestContext, R> {
  /** Changes the base's SDL by configuration (public-list's cache hints). */
  typeDefs?: (typeDefs: string, config: Cfg) => string;
  resolvers: GraphQLResolverMap<C>;
  /** What the process opens once beside its database (a scheduler, an answer cache). */
  open?: (config: Cfg) => R;
  /** Closes what `open` opened, after requests have drained. */
  close?: (opened: R) => Promise<void>;
  /** What each request's context holds besides the base one: its loaders, the commands' dependencies. */
  context: (process: { dataSource: DataSource; config: Cfg; opened: R }) => Omit<C, keyof RequestContext>;
}

/**
 * Every service's `server.ts`: the function that starts its subgraph with the given environment
 * (the process's when none is given); migrations are the launcher's or the migration job's.
 */
export function defineServiceServer<Cfg extends SubgraphConfig, C extends RequestContext, R = undefined>(
  base: ServiceBase<string, Cfg>,
  definition: ServiceServerDefinition<Cfg, C, R>,
) {
  return (env?: Record<string, string | undefined>, options: ServerStartOptions = {}) => {
    const config = base.loadConfig(env);
    const opened = definition.open?.(config) as R;
    const { typeDefs, close } = definition;
    return startServiceServer<C>({
      name: base.name,
      config,
      typeDefs: typeDefs ? typeDefs(base.typeDefs, config) : base.typeDefs,
      resolvers: definition.resolvers,
      dataSource: base.database.create(config.DATABASE_URL, {
        poolSize: config.DATABASE_POOL_SIZE,
        logger: options.queryLogger,
      }),
      logDestination: options.logDestination,
      // The request's own part (its loaders) is made anew for each request.
      buildContext: (dataSource) => (base) =>
        ({ ...base, ...definition.context({ dataSource, config, opened }) }) as C,
      onStop: close && (() => close(opened)),
    });
  };
}

interface ServiceServerOptions<C extends RequestContext> {
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
async function startServiceServer<C extends RequestContext>(options: ServiceServerOptions<C>) {
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

/** Runs a service's server started from the command line, with graceful shutdown on SIGTERM/SIGINT. */
export function runServiceMain<Cfg extends Pick<SubgraphConfig, 'LOG_LEVEL' | 'SHUTDOWN_GRACE_SECONDS'>>(
  base: ServiceBase<string, Cfg>,
  start: () => Promise<{ stop: () => Promise<void> }>,
): void {
  const config = base.loadConfig();
  runMain(createLogger(base.name, config.LOG_LEVEL), config.SHUTDOWN_GRACE_SECONDS, start);
}
