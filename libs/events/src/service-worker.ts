import type { DataSource } from 'typeorm';
import {
  createLogger,
  openDataSource,
  runMain,
  startOperationsServer,
  type BaseConfig,
  type Logger,
  type ServiceBase,
  type WorkerStartOptions,
} from '@jianguan/platform';
import type { ServiceName } from './vocabulary';
import type { EventConsumerOptions, EventHandlers } from './consumer';
import { startEventPipeline } from './pipeline';
import type { Relay } from './relay';
import { createWorkerMetrics, type WorkerMetrics } from './worker-metrics';

/** What a worker reads of its service's configuration (every service config has these). */
export type WorkerConfig = Pick<BaseConfig, 'LOG_LEVEL' | 'DATABASE_URL' | 'REDIS_URL' | 'QUEUE_PREFIX'> & {
  HOST: string;
  WORKER_PORT: number;
  OUTBOX_POLL_MS?: number;
  SHUTDOWN_GRACE_SECONDS: number;
};

/** What a worker's parts are given: the service's config, its logger, its open database and metrics. */
export interface WorkerContext<C extends WorkerConfig> {
  config: C;
  logger: Logger;
  dataSource: DataSource;
  metrics: WorkerMetrics;
}

/** A piece of background work beside the event pipeline; anything else it returns the worker exposes. */
export interface WorkerPart {
  stop: () => Promise<void>;
}

const NOTHING = async (): Promise<WorkerPart> => ({ stop: async () => {} });

/** A worker's base: the service's; its schema holds the outbox, opened but not migrated here. */
export type WorkerBase<C extends WorkerConfig> = ServiceBase<ServiceName, C>;

/** What a service's worker adds to its base: its event handlers and the parts around them. */
export interface ServiceWorkerDefinition<C extends WorkerConfig, B extends WorkerPart, A extends WorkerPart> {
  /** Connections the worker keeps: 4 unless its parts run more jobs at once. */
  poolSize?: (config: C) => number;
  /** What the event handlers need before the first event arrives (a scheduler, an announcer). */
  before?: (context: WorkerContext<C>) => Promise<B>;
  /** The service's event handlers, and what runs after each consumed event has committed. */
  events: (
    context: WorkerContext<C>,
    before: B,
  ) => { handlers: EventHandlers; afterCommit?: EventConsumerOptions['afterCommit'] };
  /** What runs once events flow: durable timers, scheduled maintenance. */
  after?: (context: WorkerContext<C>, before: B) => Promise<A>;
}

export type RunningServiceWorker<B extends WorkerPart, A extends WorkerPart> = Omit<B, 'stop'> &
  Omit<A, 'stop'> & {
    relay: Relay;
    /** Base URL of `/healthz`, `/readyz` and `/metrics` (WORKER_PORT). */
    operationsUrl: string;
    stop: () => Promise<void>;
  };

/**
 * Every service's `worker.ts`: the function that starts its worker process with the given environment
 * (the process's when none is given).
 */
export function defineServiceWorker<
  C extends WorkerConfig,
  B extends WorkerPart = WorkerPart,
  A extends WorkerPart = WorkerPart,
>(base: WorkerBase<C>, definition: ServiceWorkerDefinition<C, B, A>) {
  return (env?: Record<string, string | undefined>, options: WorkerStartOptions = {}) =>
    startServiceWorker(base, definition, base.loadConfig(env), options);
}

/**
 * A service's worker process: the database, the event pipeline (outbox relay and inbox consumer),
 * the service's own parts around it, and the operations server. Parts stop in the reverse order they
 * started, so nothing a running job needs is closed under it.
 */
async function startServiceWorker<C extends WorkerConfig, B extends WorkerPart, A extends WorkerPart>(
  { name: service, database }: WorkerBase<C>,
  definition: ServiceWorkerDefinition<C, B, A>,
  config: C,
  options: WorkerStartOptions,
): Promise<RunningServiceWorker<B, A>> {
  const name = `${service}-worker`;
  const logger = createLogger(name, config.LOG_LEVEL, options.logDestination);
  const poolSize = definition.poolSize?.(config) ?? 4;
  const dataSource = await openDataSource(database.create(config.DATABASE_URL, { poolSize }), {
    migrate: false,
  });
  const metrics = createWorkerMetrics(service);
  const context: WorkerContext<C> = { config, logger, dataSource, metrics };
  const before = await (definition.before ?? (NOTHING as () => Promise<B>))(context);
  const events = await startEventPipeline({
    service,
    schema: database.schema,
    dataSource,
    redisUrl: config.REDIS_URL,
    prefix: config.QUEUE_PREFIX,
    logger,
    pollIntervalMs: config.OUTBOX_POLL_MS,
    metrics,
    ...definition.events(context, before),
  });
  const after = await (definition.after ?? (NOTHING as () => Promise<A>))(context, before);
  const operations = await startOperationsServer({
    name,
    host: config.HOST,
    port: config.WORKER_PORT,
    registry: metrics.registry,
    readiness: events.readiness,
    logger,
  });
  logger.info(`${name} started`);
  return {
    ...before,
    ...after,
    relay: events.relay,
    operationsUrl: operations.url,
    stop: async () => {
      await operations.stop();
      await after.stop();
      await events.stop();
      await before.stop();
      await metrics.queues.close();
      await dataSource.destroy();
    },
  };
}

/** Runs a worker started from the command line, stopping it cleanly on SIGTERM/SIGINT. */
export function runWorkerMain<C extends WorkerConfig>(base: WorkerBase<C>, start: () => Promise<WorkerPart>) {
  const config = base.loadConfig();
  runMain(createLogger(`${base.name}-worker`, config.LOG_LEVEL), config.SHUTDOWN_GRACE_SECONDS, start);
}
