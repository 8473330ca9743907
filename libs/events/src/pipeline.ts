import type { DataSource } from 'typeorm';
import type { Logger } from '@jianguan/platform';
import type { ServiceName } from './catalogue';
import { startEventConsumer, type EventHandlers } from './consumer';
import { startRelay, type Relay } from './relay';

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
}

/**
 * Every service worker's event plumbing: its outbox relayed to the subscribers' queues, and its own
 * queue consumed with its handlers. Stopping finishes the jobs in hand before the relay lets go.
 */
export async function startEventPipeline(
  options: EventPipelineOptions,
): Promise<{ relay: Relay; stop: () => Promise<void> }> {
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
  }).catch(async (error) => {
    await relay.stop();
    throw error;
  });
  return {
    relay,
    stop: async () => {
      await consumer.stop();
      await relay.stop();
    },
  };
}
