import type { DefaultJobOptions } from 'bullmq';
import type { ServiceName } from './vocabulary';

/**
 * One BullMQ queue per subscribing service: a service's consumers read only their own queue, so a
 * slow or failing subscriber never holds up the others. BullMQ forbids ':' in queue names; the
 * deployment's QUEUE_PREFIX goes into BullMQ's `prefix` option, not into the name.
 */
export const eventQueueName = (service: ServiceName): string => `events-${service}`;

/**
 * How BullMQ reaches Redis for event queues: the URL and the deployment's key prefix (QUEUE_PREFIX).
 * BullMQ itself sets `maxRetriesPerRequest: null` on a worker's blocking connection.
 */
export const eventQueueConnection = (redisUrl: string, prefix: string) => ({
  connection: { url: redisUrl },
  prefix,
});

/**
 * Options of every event job.
 * - Retries: a handler failing on a transient problem (deadlock, database restart, an event that
 *   arrived before the one it depends on) is retried with exponential backoff for about 17 minutes
 *   (1 s, 2 s, … 512 s); after that the job stays in the failed set for an operator to retry.
 * - Retention: BullMQ refuses a second job with the same jobId (the event id) only while the first
 *   is still stored, so the relay's redelivery after a crash is dropped by Redis only within this
 *   window. Keeping a day (at most 20,000 jobs per queue) covers any relay restart while bounding
 *   Redis memory. A redelivery after that is still harmless: the consumer's inbox is the real
 *   exactly-once guarantee; the jobId only saves work.
 */
export const EVENT_JOB_OPTIONS = {
  attempts: 10,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 20_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
} as const satisfies DefaultJobOptions;
