import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { z } from 'zod';
import type { DataSource, EntityManager } from 'typeorm';
import type { Logger } from '@jianguan/platform';
import { eventsConsumedBy, isEventType, type EventType } from './catalogue';
import {
  envelopeSchema,
  EventContractError,
  parsePayload,
  type AnyEventEnvelope,
  type EventEnvelope,
} from './envelope';
import type { ServiceName } from './vocabulary';
import { claimEvent } from './inbox';
import { eventQueueConnection, eventQueueName } from './queues';
import type { QueueMetrics } from './queue-metrics';

/** Applies one event inside the consumer's transaction; use `manager` for every write. */
export type EventHandler<T extends EventType> = (
  manager: EntityManager,
  envelope: EventEnvelope<T>,
) => Promise<void>;
export type EventHandlers = { [T in EventType]?: EventHandler<T> };

export interface EventConsumerOptions {
  /** The consuming service: it reads queue `events-<service>` and claims events under this name. */
  service: ServiceName;
  dataSource: DataSource;
  redisUrl: string;
  /** BullMQ key prefix (config QUEUE_PREFIX). */
  prefix: string;
  logger: Logger;
  /** Jobs processed at once; default 5. */
  concurrency?: number;
  handlers: EventHandlers;
  /** Counts the queue's jobs and times them. */
  metrics?: QueueMetrics;
  /**
   * Runs once an event's transaction has committed (and again for a redelivered event, whose change
   * committed earlier), e.g. to tell caches outside Postgres. A failure fails the job, so it is retried.
   */
  afterCommit?: (envelope: AnyEventEnvelope) => Promise<void>;
}

export interface EventConsumer {
  /** Resolves when Redis answers the consumer's connection. */
  ping: () => Promise<void>;
  /** Stops taking jobs and resolves once the active ones have finished. */
  stop: () => Promise<void>;
}

/**
 * Consumes a service's event queue (docs/design.md §4). Each job runs in one transaction that claims the
 * event in the inbox and applies it, so a redelivered event changes nothing and a failed handler
 * leaves no claim behind: BullMQ retries it and it is applied then.
 */
export async function startEventConsumer(options: EventConsumerOptions): Promise<EventConsumer> {
  const { service, dataSource, handlers } = options;
  const logger = options.logger.child({ component: 'event-consumer', service });

  // A handler for an event the catalogue does not route here would never run: a wiring mistake.
  const consumed = new Set<string>(eventsConsumedBy(service));
  const stray = Object.keys(handlers).filter((type) => !consumed.has(type));
  if (stray.length > 0) {
    throw new EventContractError(
      `${service} does not subscribe to ${stray.join(', ')} in the event catalogue`,
    );
  }

  async function handle(job: Job): Promise<void> {
    const parsed = envelopeSchema.safeParse(job.data);
    if (!parsed.success) {
      // Retrying cannot fix it; the job stays in the failed set for someone to look at.
      throw new UnrecoverableError(`Malformed event envelope: ${z.prettifyError(parsed.error)}`);
    }
    const envelope = parsed.data;
    const type = envelope.type;
    if (!isEventType(type)) {
      // A newer producer may know types this build does not; acknowledging keeps the queue moving.
      logger.warn({ eventId: envelope.id, type }, 'unknown event type; acknowledged without processing');
      return;
    }
    const handler = handlers[type] as EventHandler<EventType> | undefined;
    if (!handler) {
      logger.warn({ eventId: envelope.id, type }, 'no handler for event; acknowledged without processing');
      return;
    }
    await dataSource.transaction(async (manager) => {
      if (!(await claimEvent(manager, envelope.id, service))) {
        logger.debug({ eventId: envelope.id, type }, 'event already processed; skipped');
        return;
      }
      let payload;
      try {
        payload = parsePayload(type, envelope.payload);
      } catch (error) {
        throw new UnrecoverableError((error as Error).message);
      }
      await handler(manager, { ...envelope, type, payload });
    });
    await options.afterCommit?.(envelope as AnyEventEnvelope);
  }

  const worker = new Worker(eventQueueName(service), handle, {
    ...eventQueueConnection(options.redisUrl, options.prefix),
    concurrency: options.concurrency ?? 5,
  });
  // Without a listener an 'error' event would crash the process; BullMQ reconnects by itself.
  worker.on('error', (error) => logger.error({ err: error }, 'event worker error'));
  worker.on('failed', (job, error) =>
    logger.warn(
      { err: error, eventId: job?.data?.id, type: job?.name, attempt: job?.attemptsMade },
      'event handler failed',
    ),
  );
  options.metrics?.watch(worker);
  await worker.waitUntilReady();
  logger.info({ queue: eventQueueName(service), types: [...consumed] }, 'event consumer started');

  return {
    ping: async () => {
      // BullMQ's client interface has no PING; CLIENT INFO is as cheap and needs a live connection.
      await (await worker.getBackend().client).clientInfo();
    },
    stop: () => worker.close(),
  };
}
