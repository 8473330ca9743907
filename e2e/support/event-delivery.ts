import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import {
  eventQueueName,
  parsePayload,
  type EventEnvelope,
  type EventPayloadInput,
  type EventType,
} from '@jianguan/events';
import { late, TEST_REDIS_URL } from '@jianguan/testing';
import { until } from './polling';
import type { FederationStack } from './stack';

/**
 * Puts events on a service's queue as another department's relay would: `deliver` under a given
 * event id and job id (the same id under another job id is a redelivery), `settled` waits until the
 * consumer has taken every job off the queue, so a test can assert that something did not change.
 */
export function eventDelivery(queue: Queue) {
  async function deliver<T extends EventType>(
    type: T,
    payload: EventPayloadInput<T>,
    id = randomUUID(),
    jobId = id,
  ) {
    const envelope: EventEnvelope<T> = {
      id,
      type,
      producer: type === 'QualificationApproved' ? 'qualification-review' : 'enforcement',
      occurredAt: new Date().toISOString(),
      payload: parsePayload(type, payload),
    };
    await queue.add(type, envelope, { jobId });
    return id;
  }
  const settled = () =>
    until(
      () => queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized'),
      (counts) => Object.values(counts).every((count) => count === 0),
    );
  return { deliver, settled };
}

/**
 * The event queue that `service` consumes in the file's federation (its queue prefix), opened in
 * `beforeAll` and closed at the end of the file before the federation stops.
 */
export function useEventQueue(stack: FederationStack, service: Parameters<typeof eventQueueName>[0]): Queue {
  let queue: Queue | undefined;
  beforeAll(() => {
    queue = stack.stopAtEnd(
      new Queue(eventQueueName(service), {
        connection: { url: TEST_REDIS_URL },
        prefix: stack.federation.queue.prefix,
      }),
      (opened) => opened.close(),
    );
  });
  return late(`the ${service} event queue`, () => queue);
}
