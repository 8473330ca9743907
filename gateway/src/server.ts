import http from 'node:http';
import express, { type NextFunction, type Request, type Response } from 'express';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import {
  ConfigError,
  createLogger,
  createMetricsRegistry,
  errorLogging,
  graphqlMetrics,
  hardenedApolloOptions,
  operationsPortOf,
  requestIds,
  requestLocals,
  runMain,
  startOperationsServer,
  tokenVerifier,
  type DestinationStream,
  type Logger,
} from '@jianguan/platform';
import { loadGatewayConfig, type GatewayConfig } from './config';
import type { GatewayContext } from './context';
import { SubgraphDataSource } from './subgraph-data-source';
import { subgraphHttp } from './subgraph-http';
import { subgraphBreakers } from './subgraph-breaker';
import { authenticate, type AuthenticatedLocals } from './authenticate';
import { formatGatewayError } from './format-error';
import { explorer } from './explorer';
import { askPublicList, followListVersion, type ListVersionFeed } from './list-version-feed';
import { publicAnswerCache, type PublicAnswerCache } from './public-answer-cache';
import { graphqlHttpHandler } from './graphql-http';
import { keptAnswersFirst, type PreReadRequest } from './kept-answers-first';
import { sendRequestError } from './request-error';
import { rateLimits } from './rate-limits';

/** The subgraph that owns the public lists, whose version keys the answer cache. */
const PUBLIC_LIST_SUBGRAPH = 'public-list';

/** Same as the subgraphs accept (1 MiB): the gateway forwards variables, so it must not take more. */
const BODY_LIMIT_BYTES = 1024 * 1024;

export interface RunningGateway {
  /** The client endpoint, e.g. http://127.0.0.1:4000/graphql. */
  url: string;
  port: number;
  /** Base URL of `/metrics`, `/healthz` and `/readyz` on OPERATIONS_PORT, e.g. http://127.0.0.1:9200. */
  operationsUrl: string;
  stop: () => Promise<void>;
}

export interface GatewayStartOptions {
  /** Where log lines go instead of stdout (tests read them). */
  logDestination?: DestinationStream;
}

/** Starts the gateway with the given environment (PORT 0 picks a free port). */
export function startGateway(
  env?: Record<string, string | undefined>,
  options: GatewayStartOptions = {},
): Promise<RunningGateway> {
  const config = loadGatewayConfig(env);
  return serveGateway(config, createLogger('gateway', config.LOG_LEVEL, options.logDestination));
}

/**
 * The federation's single public entry: limits anonymous requests and failed authentications per
 * client address (rate-limits.ts), verifies tokens, refuses oversized queries before they
 * are planned, routes by the static supergraph, and masks internal errors — `/graphql`, plus
 * `/healthz` (alive) and `/readyz` (serving and not shutting down). `/metrics` is not on this
 * public port but on OPERATIONS_PORT, with the probes again, for Prometheus only. Every
 * request gets an id (the caller's `x-request-id` or a new one) that is logged, returned and
 * forwarded to every subgraph.
 */
// Long on purpose (~165 lines): this is the gateway's start-up order — answer cache, limits,
// breakers, Apollo, HTTP, operations port, and the stop in reverse — where each step uses the ones
// before it. The parts themselves live in their own files (rate-limits.ts, subgraph-breaker.ts, …);
// what stays here is the wiring, which reads best in the order it runs.
// eslint-disable-next-line max-lines-per-function -- the reason is the comment above
export async function serveGateway(config: GatewayConfig, logger: Logger): Promise<RunningGateway> {
  const app = express();
  app.disable('x-powered-by');
  // GraphQL answers are POSTed and not revalidated; hashing each body for an ETag is wasted work.
  app.disable('etag');
  const endpoints = new Map(config.subgraphs.map((subgraph) => [subgraph.name, subgraph]));
  const metrics = createMetricsRegistry({ service: 'gateway', process: 'gateway' });
  // Anonymous answers are kept only where list changes can be heard (REDIS_URL set) and checked
  // with public-list (a supergraph with it).
  let listVersion: ListVersionFeed | undefined;
  let answers: PublicAnswerCache | undefined;
  const publicList = endpoints.get(PUBLIC_LIST_SUBGRAPH);
  if (config.REDIS_URL && publicList && config.PUBLIC_ANSWER_CACHE_MB > 0) {
    listVersion = await followListVersion({
      redisUrl: config.REDIS_URL,
      queuePrefix: config.QUEUE_PREFIX,
      check: askPublicList(publicList),
      logger,
    });
    answers = publicAnswerCache(listVersion, config.PUBLIC_ANSWER_CACHE_MB, metrics);
  }

  const limits = await rateLimits({
    anonymous: {
      points: config.RATE_LIMIT_ANONYMOUS_REQUESTS,
      windowSeconds: config.RATE_LIMIT_ANONYMOUS_WINDOW_SECONDS,
    },
    failedAuthentications: {
      points: config.RATE_LIMIT_FAILED_AUTH,
      windowSeconds: config.RATE_LIMIT_FAILED_AUTH_WINDOW_SECONDS,
    },
    trustedProxies: config.TRUSTED_PROXIES,
    redisUrl: config.REDIS_URL,
    keyPrefix: config.QUEUE_PREFIX,
    path: '/graphql',
    registry: metrics,
    logger,
  });
  // Outermost: a client over its limit is refused before even a kept answer is looked up.
  const httpServer = http.createServer(
    limits.wrap(
      answers ? keptAnswersFirst(answers, app, { path: '/graphql', bodyLimitBytes: BODY_LIMIT_BYTES }) : app,
    ),
  );
  let ready = false;
  const subgraphs = subgraphHttp();
  const breakers = subgraphBreakers(
    {
      timeoutMs: config.SUBGRAPH_TIMEOUT_MS,
      failures: config.SUBGRAPH_BREAKER_FAILURES,
      resetMs: config.SUBGRAPH_BREAKER_RESET_MS,
    },
    metrics,
    logger,
  );

  const gateway = new ApolloGateway({
    // Composed offline (`pnpm compose`): no introspection of subgraphs at runtime.
    supergraphSdl: config.supergraphSdl,
    buildService: ({ name }) => {
      const endpoint = endpoints.get(name);
      // Configuration is derived from the same supergraph, so this is a programming error.
      if (!endpoint) throw new Error(`No endpoint configured for subgraph ${name}`);
      return new SubgraphDataSource({
        ...endpoint,
        send: breakers.guard(name, subgraphs.send),
        deduplicate: config.DEDUPLICATE_SUBGRAPH_FETCHES,
        entityBatchWindowMs: config.ENTITY_BATCH_WINDOW_MS,
      });
    },
    logger,
  });

  const hardened = hardenedApolloOptions<GatewayContext>(config.NODE_ENV, httpServer);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    nodeEnv: config.NODE_ENV,
    ...hardened,
    // Depth, aliases, tokens and cost are checked before a query plan exists, so no subgraph is called.
    // Apollo's own landing pages load their UI from a CDN; the explorer below is served locally.
    plugins: [
      ...hardened.plugins,
      graphqlMetrics<GatewayContext>(metrics),
      errorLogging<GatewayContext>(),
      ApolloServerPluginLandingPageDisabled(),
      ...(answers ? [answers.plugin] : []),
    ],
    formatError: formatGatewayError,
  });
  await apollo.start();

  app.use(requestIds(logger));
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', service: 'gateway' });
  });
  // One subgraph down must not take the gateway out of the load balancer, since it still serves
  // every other subgraph's fields: readiness stays 200 and says what each subgraph's breaker holds.
  app.get('/readyz', (_req, res) => {
    if (!ready) return void res.status(503).json({ status: 'not ready' });
    res.json({ status: 'ready', subgraphs: breakers.health() });
  });
  // GraphiQL from node_modules at /explorer (and GET /graphql from a browser), outside production.
  if (config.NODE_ENV !== 'production') app.use(explorer('/graphql'));
  app.use(
    '/graphql',
    authenticate(tokenVerifier(config)),
    express.json({ limit: BODY_LIMIT_BYTES }),
    graphqlHttpHandler(
      apollo,
      (req, res) => {
        const { requestId, logger: requestLogger } = requestLocals(res);
        const { claims } = res.locals as AuthenticatedLocals;
        return {
          requestId,
          logger: claims ? requestLogger.child({ sub: claims.sub }) : requestLogger,
          authorization: claims ? req.headers.authorization : undefined,
          claims,
          answerSlot: (req as PreReadRequest).answerSlot,
        };
      },
      answers,
    ),
  );
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = httpStatusOf(error);
    if (status >= 500) requestLocals(res).logger.error({ err: error }, 'request failed');
    sendRequestError(res, status);
  });

  await new Promise<void>((resolve) => httpServer.listen(config.PORT, config.HOST, resolve));
  const port = (httpServer.address() as { port: number }).port;
  const url = `http://${reachableHost(config.HOST)}:${port}/graphql`;
  const operations = await startOperationsServer({
    name: 'gateway',
    host: config.HOST,
    port: operationsPortOf(config),
    registry: metrics,
    readiness: async () => {
      if (!ready) throw new Error('not serving yet, or shutting down');
    },
    logger,
  }).catch(async (error: unknown) => {
    // e.g. the operations port is taken: do not leave the gateway serving or connected.
    await apollo.stop();
    await Promise.allSettled([subgraphs.close(), listVersion?.stop(), limits.stop()]);
    throw error;
  });
  ready = true;
  logger.info(
    { url, subgraphs: config.subgraphs.map((s) => ({ name: s.name, url: s.url })) },
    'gateway listening',
  );

  return {
    url,
    port,
    operationsUrl: operations.url,
    stop: async () => {
      ready = false;
      await apollo.stop(); // drains in-flight requests, closes the HTTP server and the gateway
      await operations.stop();
      await subgraphs.close();
      await listVersion?.stop();
      await limits.stop();
    },
  };
}

/** Body-parser errors carry their HTTP status (400 malformed JSON, 413 too large). */
function httpStatusOf(error: unknown): number {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}

/** A wildcard listen address is not something a client can connect to. */
const reachableHost = (host: string) =>
  host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') ? `[${host}]` : host;

if (require.main === module) {
  let config: GatewayConfig;
  try {
    config = loadGatewayConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`gateway: ${error.message}\n`);
    process.exit(1);
  }
  const logger = createLogger('gateway', config.LOG_LEVEL);
  runMain(logger, config.SHUTDOWN_GRACE_SECONDS, () => serveGateway(config, logger));
}
