import { randomUUID } from 'node:crypto';
import type { Queue } from 'bullmq';
import { parsePayload, type EventEnvelope, type EventPayloadInput, type EventType } from '@jianguan/events';
import { until } from './polling';

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
