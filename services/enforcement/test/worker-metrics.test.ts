import type { DataSource } from 'typeorm';
import type { RunningWorker } from '@jianguan/platform';
import { metricValue, scrapeMetrics, type MetricSample } from '@jianguan/testing';
import { enforcementService } from '../src/service';
import { startEnforcementWorker } from '../src/worker';
import { DEADLINE_QUEUE, DeadlineScheduler, jobsFor } from '../src/deadlines/schedule';
import { RectificationOrderEntity } from '../src/entities/rectification-order.entity';
import { insertOrders, useEnforcementDatabase } from './support';

/**
 * The enforcement worker's /metrics on a real Postgres and Redis: an order past its deadline that the
 * deadline engine has not processed yet shows as overdue, and stops showing once its job ran; the
 * deadline queue's depth and job latency are reported too.
 */
const HOUR = 3600_000;
const enforcement = useEnforcementDatabase();
let dataSource: DataSource;
let scheduler: DeadlineScheduler;
let worker: RunningWorker;

beforeAll(async () => {
  dataSource = await enforcement.openDataSource(2);
  scheduler = enforcement.startScheduler({ reminderOffsetsMs: [HOUR] });
  worker = await startEnforcementWorker(
    enforcement.service.envFor(enforcementService, {
      ENFORCEMENT_REMINDER_OFFSETS_SECONDS: '3600',
      ENFORCEMENT_ESCALATION_GRACE: '3600s',
      // The reconciler runs at start only: an order inserted afterwards waits for its job.
      ENFORCEMENT_RECONCILE_INTERVAL_MS: '600000',
    }),
  );
  enforcement.service.stopAtEnd(worker, (w) => w.stop());
});

const metrics = () => scrapeMetrics(`${worker.operationsUrl}/metrics`);
const overdue = (samples: MetricSample[], step: string) =>
  metricValue(samples, 'jianguan_enforcement_overdue_unprocessed', {
    step,
    service: 'enforcement',
    process: 'worker',
  });
const depth = (samples: MetricSample[], state: string) =>
  metricValue(samples, 'jianguan_queue_jobs', { queue: DEADLINE_QUEUE, state });

async function until(check: (samples: MetricSample[]) => boolean, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const samples = await metrics();
    if (check(samples) || Date.now() > deadline) return samples;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const schedule = async (ids: string[]) => {
  const orders = await dataSource.getRepository(RectificationOrderEntity).findBy(ids.map((id) => ({ id })));
  await scheduler.add(orders.flatMap((order) => jobsFor(order, scheduler.timings)));
};

it('counts scheduled deadline jobs in the deadline queue', async () => {
  const before = depth(await metrics(), 'delayed') ?? 0;
  const now = Date.now();
  const ids = await insertOrders(dataSource, 1, new Date(now + 2 * HOUR), new Date(now));
  await schedule(ids);
  // Its reminder an hour before the deadline, and the deadline check.
  expect(depth(await metrics(), 'delayed')).toBe(before + 2);
});

it('shows an order past its deadline as overdue until the deadline job has processed it', async () => {
  const completed = { queue: DEADLINE_QUEUE, outcome: 'completed' };
  const jobsRun = (samples: MetricSample[]) =>
    metricValue(samples, 'jianguan_job_latency_seconds_count', completed) ?? 0;
  const start = await metrics();
  expect(overdue(start, 'deadline')).toBe(0);
  const now = Date.now();
  const [id] = await insertOrders(dataSource, 1, new Date(now - 5000), new Date(now - HOUR));
  const waiting = await metrics();
  expect(overdue(waiting, 'deadline')).toBe(1);
  expect(overdue(waiting, 'escalation')).toBe(0);

  await schedule([id]);
  const processed = await until((s) => overdue(s, 'deadline') === 0);
  expect(overdue(processed, 'deadline')).toBe(0);
  // Now it waits for the county's action, due in an hour: nothing is late.
  expect(overdue(processed, 'escalation')).toBe(0);
  const [order] = await dataSource.query(
    'SELECT status, escalation_level FROM enforcement.rectification_order WHERE id = $1',
    [id],
  );
  expect(order).toEqual({ status: 'OVERDUE', escalation_level: 'COUNTY' });
  // One job ran: the deadline check (its reminder would have been due before the deadline was set).
  const ran = await until((s) => jobsRun(s) > jobsRun(start));
  expect(jobsRun(ran)).toBe(jobsRun(start) + 1);
  expect(metricValue(ran, 'jianguan_job_processing_seconds_count', completed)).toBe(jobsRun(start) + 1);
  // Due 5 s before it was scheduled, it finished within seconds of being added.
  const waited = metricValue(ran, 'jianguan_job_latency_seconds_sum', completed) ?? Infinity;
  expect(waited - (metricValue(start, 'jianguan_job_latency_seconds_sum', completed) ?? 0)).toBeLessThan(5);
});

it('shows an escalation whose respond-by time passed without an action', async () => {
  await dataSource.query(
    `UPDATE enforcement.rectification_order SET respond_by = now() - interval '1 minute'
      WHERE status = 'OVERDUE'`,
  );
  expect(overdue(await metrics(), 'escalation')).toBe(1);
});
