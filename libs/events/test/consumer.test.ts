import { randomUUID } from 'node:crypto';
import type { JobsOptions } from 'bullmq';
import { QINGHAI } from '@jianguan/testing';
import {
  EVENT_JOB_OPTIONS,
  EventContractError,
  startEventConsumer,
  type EventConsumer,
  type EventEnvelope,
  type EventType,
} from '../src';
import {
  classifiedPayload,
  registeredPayload,
  SCHEMA,
  setUpEventTest,
  testConsumerConnection,
  waitFor,
  type EventTest,
} from './support';

describe('event consumer', () => {
  let t: EventTest;
  let consumer: EventConsumer;
  const calls = new Map<string, number>();
  /** Event ids whose handler throws on its first run (after writing), like a deadlock would. */
  const failOnce = new Set<string>();
  let slowHandlerStarted = false;
  /** Per event: the handled rows another connection saw each time afterCommit ran. */
  const afterCommitSaw = new Map<string, number[]>();
  /** Event ids whose afterCommit fails on its first run, as an unreachable Redis would. */
  const failAfterCommitOnce = new Set<string>();

  const recordHandled = async (
    manager: import('typeorm').EntityManager,
    eventId: string,
    institutionId: string,
  ) => {
    calls.set(eventId, (calls.get(eventId) ?? 0) + 1);
    await manager.query(`INSERT INTO "${SCHEMA}".handled (event_id, institution_id) VALUES ($1, $2)`, [
      eventId,
      institutionId,
    ]);
  };

  beforeAll(async () => {
    t = await setUpEventTest();
    consumer = await startEventConsumer({
      service: 'public-list',
      ...testConsumerConnection(t),
      concurrency: 5,
      handlers: {
        InstitutionRegistered: (manager, { id, payload }) =>
          recordHandled(manager, id, payload.institutionId),
        InstitutionClassified: async (manager, { id, payload }) => {
          await recordHandled(manager, id, payload.institutionId);
          if (failOnce.delete(id)) throw new Error('transient failure after writing');
        },
        LicenceRecorded: async (manager, { id, payload }) => {
          slowHandlerStarted = true;
          await new Promise((resolve) => setTimeout(resolve, 500));
          await recordHandled(manager, id, payload.institutionId);
        },
      },
      afterCommit: async ({ id }) => {
        afterCommitSaw.set(id, [...(afterCommitSaw.get(id) ?? []), await handledRows(id)]);
        if (failAfterCommitOnce.delete(id)) throw new Error('Redis did not answer');
      },
    });
  });
  afterAll(async () => {
    await consumer.stop();
    await t.teardown();
  });

  const envelope = <T extends EventType>(type: T, payload: unknown): EventEnvelope<T> =>
    ({
      id: randomUUID(),
      type,
      producer: 'registry',
      occurredAt: new Date().toISOString(),
      payload,
    }) as EventEnvelope<T>;
  // Retries quickly, so the retry test does not wait for the production backoff.
  const deliver = (event: { id: string; type: string }, jobId: string, opts: JobsOptions = {}) =>
    t.queue('public-list').add(event.type, event, {
      ...EVENT_JOB_OPTIONS,
      backoff: { type: 'fixed', delay: 50 },
      jobId,
      ...opts,
    });
  const settled = (jobId: string, state: 'completed' | 'failed') =>
    waitFor(
      `job ${jobId} ${state}`,
      async () => (await (await t.queue('public-list').getJob(jobId))?.getState()) === state,
    );
  const handledRows = (eventId: string) =>
    t.count(`SELECT count(*) FROM "${SCHEMA}".handled WHERE event_id = '${eventId}'`);
  const claims = (eventId: string) =>
    t.count(
      `SELECT count(*) FROM "${SCHEMA}".inbox WHERE event_id = '${eventId}' AND consumer = 'public-list'`,
    );

  it('applies an event delivered twice only once', async () => {
    const event = envelope('InstitutionRegistered', registeredPayload());
    // Different job ids, as when the first job was already removed from Redis: only the inbox stops it.
    await deliver(event, `${event.id}-first`);
    await deliver(event, `${event.id}-again`);
    await settled(`${event.id}-first`, 'completed');
    await settled(`${event.id}-again`, 'completed');

    expect(await handledRows(event.id)).toBe(1);
    expect(calls.get(event.id)).toBe(1);
    expect(await claims(event.id)).toBe(1);
  });

  it('rolls back the claim with a failing handler, so the retry applies the event', async () => {
    const event = envelope('InstitutionClassified', classifiedPayload());
    failOnce.add(event.id);
    await deliver(event, event.id);
    await settled(event.id, 'completed');

    expect(calls.get(event.id)).toBe(2);
    // The first run's write went with its claim; only the retry's remains.
    expect(await handledRows(event.id)).toBe(1);
    expect(await claims(event.id)).toBe(1);
  });

  it('runs afterCommit once the change is visible to others, and retries the job when it fails, applying once', async () => {
    const event = envelope('InstitutionRegistered', registeredPayload());
    failAfterCommitOnce.add(event.id);
    await deliver(event, event.id);
    await settled(event.id, 'completed');

    // Both runs saw the committed row: the first failed (Redis away), the retry found the event claimed.
    expect(afterCommitSaw.get(event.id)).toEqual([1, 1]);
    expect(calls.get(event.id)).toBe(1);
    expect(await handledRows(event.id)).toBe(1);
  });

  it('fails a payload that breaks the catalogue at once, without claiming or applying it', async () => {
    const event = envelope('InstitutionRegistered', { ...registeredPayload(), kind: 'HYBRID' });
    await deliver(event, event.id);
    await settled(event.id, 'failed');

    const job = await t.queue('public-list').getJob(event.id);
    expect(job?.failedReason).toMatch(/Invalid InstitutionRegistered payload[\s\S]*kind/);
    expect(job?.attemptsMade).toBe(1);
    expect(calls.has(event.id)).toBe(false);
    expect(await claims(event.id)).toBe(0);
  });

  it('acknowledges an event type it does not know', async () => {
    const event = { ...envelope('InstitutionRegistered', registeredPayload()), type: 'InstitutionRenamed' };
    await deliver(event, event.id);
    await settled(event.id, 'completed');
    expect(await claims(event.id)).toBe(0);
  });

  it('refuses a handler for an event the catalogue does not route to the service', async () => {
    await expect(
      startEventConsumer({
        service: 'registry',
        ...testConsumerConnection(t),
        handlers: { InstitutionRegistered: async () => undefined },
      }),
    ).rejects.toThrow(EventContractError);
  });

  // Last: it stops the consumer.
  it('stops only after the job in progress has committed', async () => {
    const event = envelope('LicenceRecorded', {
      institutionId: randomUUID(),
      regionCode: QINGHAI.xining,
      licenceId: randomUUID(),
      licenceType: 'BUSINESS_LICENCE',
      certificateStatus: 'COMPLETE',
      missingLicences: [],
    });
    await deliver(event, event.id);
    await waitFor('the slow handler to start', async () => slowHandlerStarted);

    await consumer.stop();

    expect(await handledRows(event.id)).toBe(1);
    expect(await (await t.queue('public-list').getJob(event.id))?.getState()).toBe('completed');
  });
});
