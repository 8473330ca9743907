import { Queue } from 'bullmq';
import { Client } from 'pg';
import type { RunningWorker } from '@jianguan/platform';
import { eventQueueName, outboxChannel } from '@jianguan/events';
import {
  metricValue,
  scrapeMetrics,
  TEST_REDIS_URL,
  useServiceDatabase,
  type MetricSample,
} from '@jianguan/testing';
import { startRegistryWorker } from '../src/worker';
import { registryService } from '../src/service';

/**
 * The registry worker's operations endpoints on a real Postgres and Redis: probes, outbox lag while
 * an event waits to be published, and the depth and job latency of the queue it consumes.
 */
const service = useServiceDatabase();
let pg: Client;
let events: Queue;
let worker: RunningWorker;

beforeAll(async () => {
  pg = service.stopAtEnd(new Client({ connectionString: service.db.url }), (client) => client.end());
  await pg.connect();
  events = service.stopAtEnd(
    new Queue(eventQueueName('registry'), {
      connection: { url: TEST_REDIS_URL },
      prefix: service.queue.prefix,
    }),
    (queue) => queue.close(),
  );
  // The relay's fallback poll is out of the way: only a NOTIFY (or the start) makes it publish.
  worker = service.stopAtEnd(
    await startRegistryWorker(service.envFor(registryService, { OUTBOX_POLL_MS: '600000' })),
    (started) => started.stop(),
  );
});

const metrics = () => scrapeMetrics(`${worker.operationsUrl}/metrics`);

async function until(check: (samples: MetricSample[]) => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const samples = await metrics();
    if (check(samples) || Date.now() > deadline) return samples;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

it('answers /healthz and, with Postgres and Redis up, /readyz', async () => {
  const health = await fetch(`${worker.operationsUrl}/healthz`);
  expect(health.status).toBe(200);
  expect(await health.json()).toEqual({ status: 'ok', service: 'registry-worker' });
  const ready = await fetch(`${worker.operationsUrl}/readyz`);
  expect(ready.status).toBe(200);
  expect(await ready.json()).toEqual({ status: 'ready' });
});

it('shows the outbox lag of an unpublished event, and none once the relay published it', async () => {
  const labels = { service: 'registry', process: 'worker' };
  const before = await metrics();
  expect(metricValue(before, 'jianguan_outbox_pending_events', labels)).toBe(0);
  expect(metricValue(before, 'jianguan_outbox_lag_seconds', labels)).toBe(0);

  // Committed 30 s ago and never announced: as if its NOTIFY was lost while the relay was down.
  await pg.query(
    `INSERT INTO registry.outbox (id, type, producer, payload, occurred_at)
     VALUES (gen_random_uuid(), 'InstitutionRegistered', 'registry', '{}', now() - interval '30 seconds')`,
  );
  const pending = await metrics();
  expect(metricValue(pending, 'jianguan_outbox_pending_events', labels)).toBe(1);
  const lag = metricValue(pending, 'jianguan_outbox_lag_seconds', labels) ?? 0;
  expect(lag).toBeGreaterThanOrEqual(30);
  expect(lag).toBeLessThan(60);

  await pg.query('SELECT pg_notify($1, $2)', [outboxChannel('registry'), 'wake up']);
  const published = await until((s) => metricValue(s, 'jianguan_outbox_pending_events') === 0);
  expect(metricValue(published, 'jianguan_outbox_pending_events', labels)).toBe(0);
  expect(metricValue(published, 'jianguan_outbox_lag_seconds', labels)).toBe(0);
});

it('shows the depth of its event queue per state and times the jobs it ran', async () => {
  const depth = (samples: MetricSample[], state: string) =>
    metricValue(samples, 'jianguan_queue_jobs', { queue: 'events-registry', state });
  const before = await metrics();
  expect(['waiting', 'active', 'delayed', 'failed'].map((state) => depth(before, state))).toEqual([
    0, 0, 0, 0,
  ]);

  // A malformed event (no envelope), held back for a minute.
  const job = await events.add('QualificationApproved', { garbage: true }, { delay: 60_000 });
  expect(depth(await metrics(), 'delayed')).toBe(1);

  // Due now: the consumer takes it and, since it can never be applied, leaves it failed for an operator.
  await job.promote();
  const after = await until((s) => depth(s, 'failed') === 1);
  expect(['waiting', 'active', 'delayed', 'failed'].map((state) => depth(after, state))).toEqual([
    0, 0, 0, 1,
  ]);
  const timed = { queue: 'events-registry', outcome: 'failed' };
  expect(metricValue(after, 'jianguan_job_latency_seconds_count', timed)).toBe(1);
  expect(metricValue(after, 'jianguan_job_processing_seconds_count', timed)).toBe(1);
  expect(metricValue(after, 'jianguan_job_latency_seconds_count', { ...timed, outcome: 'completed' })).toBe(
    undefined,
  );
});
