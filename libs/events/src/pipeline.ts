import type { DataSource } from 'typeorm';
import type { Logger } from '@jianguan/platform';
import type { ServiceName } from './vocabulary';
import { startEventConsumer, type EventConsumerOptions, type EventHandlers } from './consumer';
import { startRelay, type Relay } from './relay';
import { registerOutboxMetrics } from './outbox-metrics';
import type { WorkerMetrics } from './worker-metrics';

export interface EventPipelineOptions {
  service: ServiceName;
  /** The service's Postgres schema, where its outbox lives. */
  schema: string;
  dataSource: DataSource;
  redisUrl: string;
  prefix: string;
  logger: Logger;
  pollIntervalMs?: number;
  handlers: EventHandlers;
  afterCommit?: EventConsumerOptions['afterCommit'];
  /** The worker's registry: outbox lag is registered on it, and `queues` watches the event queue. */
  metrics?: WorkerMetrics;
}

export interface EventPipeline {
  relay: Relay;
  /** Throws when Postgres or Redis does not answer (the worker's `/readyz`). */
  readiness: () => Promise<void>;
  stop: () => Promise<void>;
}

/**
 * Every service worker's event plumbing: its outbox relayed to the subscribers' queues, and its own
 * queue consumed with its handlers. Stopping finishes the jobs in hand before the relay lets go.
 */
export async function startEventPipeline(options: EventPipelineOptions): Promise<EventPipeline> {
  const { dataSource, redisUrl, prefix, logger } = options;
  const relay = await startRelay({
    dataSource,
    schema: options.schema,
    redisUrl,
    prefix,
    logger,
    pollIntervalMs: options.pollIntervalMs,
  });
  const consumer = await startEventConsumer({
    service: options.service,
    dataSource,
    redisUrl,
    prefix,
    logger,
    handlers: options.handlers,
    afterCommit: options.afterCommit,
    metrics: options.metrics?.queues,
  }).catch(async (error) => {
    await relay.stop();
    throw error;
  });
  if (options.metrics) registerOutboxMetrics(options.metrics.registry, dataSource, options.schema);
  return {
    relay,
    readiness: async () => {
      await dataSource.query('SELECT 1');
      await consumer.ping();
    },
    stop: async () => {
      await consumer.stop();
      await relay.stop();
    },
  };
}
