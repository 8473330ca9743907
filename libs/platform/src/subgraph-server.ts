import http from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import express, { type Request, type Response, type NextFunction } from 'express';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { DocumentNode } from 'graphql';
import { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import type { Logger } from './logger';
import { operationsPortOf, type SubgraphConfig } from './config';
import { startOperationsServer } from './operations-server';
import { bearerToken, Viewer } from './auth';
import { tokenVerifier } from './tokens';
import { maskingFormatError } from './errors';
import { hardenedApolloOptions } from './apollo-options';
import { strictInput } from './strict-input';
import { requestIds, requestLocals } from './request-id';
import { errorLogging } from './error-logging';
import { createMetricsRegistry } from './metrics/registry';
import { graphqlMetrics } from './metrics/graphql-metrics';
import { idempotentMutations } from './idempotency';

export const SUBGRAPH_SECRET_HEADER = 'x-subgraph-secret';

/** What every resolver of every subgraph receives; services add their loaders and data source. */
export interface RequestContext {
  viewer: Viewer;
  requestId: string;
  logger: Logger;
}

export interface SubgraphOptions<C extends RequestContext> {
  name: string;
  config: SubgraphConfig;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<C>;
  logger: Logger;
  /** Adds per-request state (DataLoaders, repositories) to the base context. */
  buildContext: (base: RequestContext) => C;
  /** Throws when the service cannot serve (database or Redis unreachable). */
  readiness: () => Promise<void>;
  plugins?: ApolloServerPlugin<C>[];
  /** Where mutations sent with an Idempotency-Key keep their first answer (idempotency.ts). */
  idempotency?: { dataSource: DataSource; schema: string };
}

export interface RunningServer {
  url: string;
  port: number;
  /** Base URL of `/metrics`, `/healthz` and `/readyz` on OPERATIONS_PORT, for Prometheus only. */
  operationsUrl: string;
  stop: () => Promise<void>;
}

function sameSecret(given: unknown, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Sends a GraphQL-shaped error from plain HTTP middleware. */
function refuse(res: Response, status: number, code: string, message: string) {
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}

/**
 * Starts one schema-first subgraph: `/graphql` for the gateway only (secret header), `/healthz`
 * (the process is alive) and `/readyz` (it can reach its dependencies and is not shutting down);
 * `/metrics` is on the operations port (OPERATIONS_PORT), which only Prometheus may reach, since
 * it tells anyone who asks what is being queried and how often. Every request is logged with the gateway's `x-request-id`, and resolvers
 * get a logger that carries it.
 */
export async function startSubgraph<C extends RequestContext>(
  options: SubgraphOptions<C>,
): Promise<RunningServer> {
  const { config, logger } = options;
  const app = express();
  const httpServer = http.createServer(app);
  const hardened = hardenedApolloOptions<C>(config.NODE_ENV, httpServer);
  const metrics = createMetricsRegistry({ service: options.name, process: 'subgraph' });
  let shuttingDown = false;

  const apollo = subgraphApollo(options, hardened, metrics);
  await apollo.start();

  app.use(requestIds(logger));
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', service: options.name });
  });
  app.get('/readyz', async (_req, res) => {
    if (shuttingDown) return void res.status(503).json({ status: 'shutting down' });
    try {
      await options.readiness();
      res.json({ status: 'ready' });
    } catch (error) {
      logger.warn({ err: error }, 'not ready');
      res.status(503).json({ status: 'not ready' });
    }
  });

  const requireGateway = (req: Request, res: Response, next: NextFunction) => {
    if (!sameSecret(req.headers[SUBGRAPH_SECRET_HEADER], config.SUBGRAPH_SECRET)) {
      return refuse(res, 403, 'FORBIDDEN', 'This subgraph answers the gateway only');
    }
    next();
  };

  app.use(
    '/graphql',
    requireGateway,
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: requestContext(options, tokenVerifier(config)),
    }),
  );

  await new Promise<void>((resolve) => httpServer.listen(config.PORT, config.HOST, resolve));
  const port = (httpServer.address() as { port: number }).port;
  const url = `http://${config.HOST}:${port}/graphql`;
  const operations = await startOperationsServer({
    name: options.name,
    host: config.HOST,
    port: operationsPortOf(config),
    registry: metrics,
    readiness: options.readiness,
    logger,
  }).catch(async (error: unknown) => {
    await apollo.stop(); // e.g. the operations port is taken: do not leave the subgraph serving
    throw error;
  });
  logger.info({ url }, `${options.name} subgraph listening`);

  return {
    url,
    port,
    operationsUrl: operations.url,
    stop: async () => {
      shuttingDown = true;
      await apollo.stop(); // drains in-flight requests, then closes the HTTP server
      await operations.stop();
    },
  };
}

/** The subgraph's Apollo server: strict inputs, hardened options and the platform's plugins. */
function subgraphApollo<C extends RequestContext>(
  options: SubgraphOptions<C>,
  hardened: ReturnType<typeof hardenedApolloOptions<C>>,
  metrics: ReturnType<typeof createMetricsRegistry>,
) {
  return new ApolloServer<C>({
    // Every argument passes the strict-input rules before its resolver sees it (strict-input.ts).
    schema: strictInput(
      buildSubgraphSchema({
        typeDefs: options.typeDefs,
        resolvers: options.resolvers as GraphQLResolverMap<unknown>,
      }),
    ),
    ...hardened,
    plugins: [
      ...hardened.plugins,
      // No Apollo Studio here: traces would only cost time and leak timings.
      ApolloServerPluginInlineTraceDisabled(),
      graphqlMetrics<C>(metrics),
      // Logs internal errors with the request's logger, so with its request id.
      errorLogging<C>(),
      ...(options.idempotency
        ? [idempotentMutations<C>(options.idempotency.dataSource, options.idempotency.schema)]
        : []),
      ...(options.plugins ?? []),
    ],
    formatError: maskingFormatError(() => {
      // Logged by the errorLogging plugin, which sees the request's context.
    }),
  });
}

/** Each request's context: the viewer from the bearer token (401 when it is bad), its id and logger. */
function requestContext<C extends RequestContext>(
  options: SubgraphOptions<C>,
  verifyToken: ReturnType<typeof tokenVerifier>,
) {
  return async ({ req, res }: { req: Request; res: Response }) => {
    const { requestId, logger: requestLogger } = requestLocals(res);
    let token: string | undefined;
    try {
      token = bearerToken(req.headers.authorization);
    } catch (error) {
      throw withStatus(error, 401);
    }
    const claims = token
      ? await verifyToken(token).catch((e) => Promise.reject(withStatus(e, 401)))
      : undefined;
    return options.buildContext({ viewer: new Viewer(claims), requestId, logger: requestLogger });
  };
}

function withStatus(error: unknown, status: number): unknown {
  if (error instanceof GraphQLError) {
    return new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status } } });
  }
  return error;
}
