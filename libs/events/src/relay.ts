import { Queue, type JobsOptions } from 'bullmq';
import type { DataSource } from 'typeorm';
import { withTimeout, type Logger } from '@jianguan/platform';
import { isEventType, subscribersOf } from './catalogue';
import type { AnyEventEnvelope } from './envelope';
import type { ServiceName } from './vocabulary';
import { outboxChannel } from './outbox';
import { listenForNotifications, type PgListener } from './pg-listener';
import { EVENT_JOB_OPTIONS, eventQueueConnection, eventQueueName } from './queues';

export interface RelayOptions {
  /** The producing service's data source; its outbox lives in `schema`. */
  dataSource: DataSource;
  schema: string;
  redisUrl: string;
  /** BullMQ key prefix (config QUEUE_PREFIX). */
  prefix: string;
  logger: Logger;
  /** Fallback poll for a missed notification (listener down, or a NOTIFY lost); default 5 s. */
  pollIntervalMs?: number;
  /** Rows per transaction; default 100. */
  batchSize?: number;
  /**
   * Longest wait for Redis to take a batch; default 10 s. BullMQ waits for Redis indefinitely, and
   * the batch's rows stay locked meanwhile, so an outage must end the transaction instead.
   */
  publishTimeoutMs?: number;
  /** First delay before reconnecting the LISTEN client, doubled up to 30 s; default 1 s. */
  reconnectDelayMs?: number;
  /**
   * Publish in the background (LISTEN/NOTIFY plus polling, and once at start); default true.
   * With false nothing happens until runOnce is called (tests, one-off scripts).
   */
  autorun?: boolean;
}

export interface Relay {
  /** Publishes every unpublished row no other relay holds; resolves to the number of rows published. */
  runOnce: () => Promise<number>;
  /** Stops listening and polling, waits for a publication in progress, closes its connections. */
  stop: () => Promise<void>;
}

interface OutboxRow {
  id: string;
  type: string;
  producer: ServiceName;
  payload: object;
  occurred_at: Date;
}

/**
 * Publishes a service's outbox to its subscribers' queues (docs/design.md §4).
 *
 * Rows are taken in occurred order with FOR UPDATE SKIP LOCKED inside a transaction that also marks
 * them published, so two relays never publish the same row at once. A crash after the queue add but
 * before the commit republishes the rows; BullMQ drops the copies because the jobId is the event id,
 * and consumers' inboxes drop anything older than BullMQ's retention. Order is best effort only
 * (relays skip each other's locked rows, and consumers run jobs concurrently), so handlers must not
 * depend on it.
 */
// Long on purpose (~165 lines): one relay's state — its queues, the publishes in flight, the
// draining/again flags, the LISTEN connection and the poll timer — is shared by publishing, waking
// and stopping; as one closure they read together instead of passing that state between functions.
// eslint-disable-next-line max-lines-per-function -- the reason is the comment above
export async function startRelay(options: RelayOptions): Promise<Relay> {
  const { dataSource, schema, redisUrl, prefix } = options;
  const logger = options.logger.child({ component: 'outbox-relay', schema });
  const pollIntervalMs = options.pollIntervalMs ?? 5000;
  const batchSize = options.batchSize ?? 100;
  const publishTimeoutMs = options.publishTimeoutMs ?? 10_000;
  const table = `"${schema}".outbox`;
  const channel = outboxChannel(schema);

  const queues = new Map<ServiceName, Queue>();
  const queueFor = (service: ServiceName) => {
    let queue = queues.get(service);
    if (!queue) {
      queue = new Queue(eventQueueName(service), eventQueueConnection(redisUrl, prefix));
      // Without a listener an 'error' event would crash the process; the failed add is reported anyway.
      queue.on('error', (error) => logger.warn({ err: error, service }, 'event queue connection error'));
      queues.set(service, queue);
    }
    return queue;
  };

  async function publishBatch(): Promise<number> {
    let taken: string[] = [];
    try {
      return await dataSource.transaction(async (manager) => {
        const rows: OutboxRow[] = await manager.query(
          `SELECT id, type, producer, payload, occurred_at FROM ${table}
           WHERE published_at IS NULL ORDER BY occurred_at, seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
          [batchSize],
        );
        taken = rows.map((row) => row.id);
        if (rows.length === 0) return 0;

        const jobs = new Map<ServiceName, { name: string; data: AnyEventEnvelope; opts: JobsOptions }[]>();
        for (const row of rows) {
          // A type dropped from the catalogue has nobody left to tell; marking it published keeps it
          // from being selected forever.
          if (!isEventType(row.type)) {
            logger.error(
              { eventId: row.id, type: row.type },
              'outbox event type not in the catalogue; dropped',
            );
            continue;
          }
          const envelope = {
            id: row.id,
            type: row.type,
            producer: row.producer,
            occurredAt: row.occurred_at.toISOString(),
            payload: row.payload,
          } as AnyEventEnvelope;
          for (const service of subscribersOf(row.type)) {
            const list = jobs.get(service) ?? [];
            list.push({ name: row.type, data: envelope, opts: { ...EVENT_JOB_OPTIONS, jobId: row.id } });
            jobs.set(service, list);
          }
        }
        // If this times out and Redis takes the jobs later, the rows are published again and the
        // copies are dropped by jobId, so giving up is safe.
        await withTimeout(
          Promise.all([...jobs].map(([service, list]) => queueFor(service).addBulk(list))),
          publishTimeoutMs,
          `Redis did not take the outbox batch within ${publishTimeoutMs} ms`,
        );
        await manager.query(
          `UPDATE ${table} SET published_at = now(), attempts = attempts + 1 WHERE id = ANY($1::uuid[])`,
          [taken],
        );
        return rows.length;
      });
    } catch (error) {
      // The transaction rolled back; count the attempt outside it so a stuck row shows up.
      if (taken.length > 0) {
        await dataSource
          .query(`UPDATE ${table} SET attempts = attempts + 1 WHERE id = ANY($1::uuid[])`, [taken])
          .catch(() => undefined);
      }
      throw error;
    }
  }

  let stopped = false;
  const inFlight = new Set<Promise<unknown>>();
  const track = <T>(work: Promise<T>): Promise<T> => {
    inFlight.add(work);
    const untrack = () => void inFlight.delete(work);
    work.then(untrack, untrack);
    return work;
  };

  const runOnce = () =>
    track(
      (async () => {
        let total = 0;
        for (let published = -1; published !== 0 && !stopped;) {
          published = await publishBatch();
          total += published;
        }
        if (total > 0) logger.debug({ published: total }, 'outbox events published');
        return total;
      })(),
    );

  // One background drain at a time; a wake-up during a drain asks for one more pass after it.
  let draining = false;
  let again = false;
  function wake() {
    if (stopped) return;
    if (draining) {
      again = true;
      return;
    }
    draining = true;
    void (async () => {
      do {
        again = false;
        try {
          await runOnce();
        } catch (error) {
          // The next poll retries; looping now would spin while Redis or Postgres is down.
          logger.error({ err: error }, 'publishing the outbox failed');
          break;
        }
      } while (again && !stopped);
      draining = false;
    })();
  }

  let listener: PgListener | undefined;

  let pollTimer: NodeJS.Timeout | undefined;
  const closeQueues = () => Promise.all([...queues.values()].map((queue) => queue.close()));
  if (options.autorun ?? true) {
    try {
      listener = await listenForNotifications({
        dataSource,
        channel,
        applicationName: `${schema}-outbox-relay`,
        logger,
        reconnectDelayMs: options.reconnectDelayMs,
        onNotify: wake,
        // Anything committed while nobody was listening.
        onConnect: wake,
      });
    } catch (error) {
      // Fail fast at start (like the data source); only a later loss of the listener is retried.
      stopped = true;
      await closeQueues();
      throw error;
    }
    pollTimer = setInterval(wake, pollIntervalMs);
    logger.info({ channel, pollIntervalMs }, 'outbox relay started');
  }

  return {
    runOnce,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      clearInterval(pollTimer);
      await listener?.stop();
      await Promise.allSettled([...inFlight]);
      await closeQueues();
    },
  };
}
