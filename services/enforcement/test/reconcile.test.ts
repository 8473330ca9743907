import type { DataSource } from 'typeorm';
import type { RunningProcess } from '@jianguan/platform';
import { enforcementService } from '../src/service';
import { startEnforcementWorker } from '../src/worker';
import { deadlineJobId, DeadlineScheduler, jobsFor, RECONCILE_JOB } from '../src/deadlines/schedule';
import { reconcileDeadlines } from '../src/deadlines/reconcile';
import { RectificationOrderEntity } from '../src/entities/rectification-order.entity';
import { insertOrders, sleep, until, useEnforcementDatabase, outboxEventCounts } from './support';

/**
 * "FLUSHALL Redis after scheduling 1,000 orders": the schedule is lost while the worker is down, and the
 * reconciler at worker start restores every pending reminder and deadline; none is lost, none runs twice.
 */
const ORDERS = 1000;
// The 1,000 reminders must all run between their time and the deadline (a reminder after the deadline
// is stale by design): 30 s leaves room for a loaded 2-core machine (15 s did not, with the whole suite
// running beside it: a third of the reminders came after their deadline); 10 s before that for the set-up.
const REMINDER_BEFORE_MS = 30_000;
const enforcement = useEnforcementDatabase();
const { queue } = enforcement.service;
let dataSource: DataSource;
let scheduler: DeadlineScheduler;
let worker: RunningProcess | undefined;

beforeAll(async () => {
  dataSource = await enforcement.openDataSource(4);
  scheduler = enforcement.startScheduler({ reminderOffsetsMs: [REMINDER_BEFORE_MS] });
  enforcement.service.atEnd(() => worker?.stop());
});

const jobIds = async () =>
  new Set(
    (await scheduler.queue.getJobs(['delayed', 'waiting', 'active'], 0, -1))
      .filter((j) => j.name !== RECONCILE_JOB)
      .map((j) => j.id),
  );

it('restores every pending reminder and deadline of 1,000 orders after Redis lost everything', async () => {
  const now = new Date();
  const deadline = new Date(now.getTime() + 10_000 + REMINDER_BEFORE_MS);
  const ids = await insertOrders(dataSource, ORDERS, deadline, now);
  const orders = await dataSource.getRepository(RectificationOrderEntity).find();
  // Scheduled as issueRectificationOrder schedules: one reminder 15 s before, one deadline check.
  await scheduler.add(orders.flatMap((o) => jobsFor(o, scheduler.timings)));
  const scheduled = await jobIds();
  expect(scheduled.size).toBe(2 * ORDERS);

  // Redis loses everything under this test's prefix (not FLUSHALL: the Redis is shared).
  // createQueuePrefix's cleanup is exactly that: SCAN + DEL of every key under the prefix.
  await queue.cleanup();
  expect((await jobIds()).size).toBe(0);

  // The reconciler, run at worker start, puts back exactly the same jobs, ids included.
  worker = await startEnforcementWorker(
    enforcement.service.envFor(enforcementService, {
      ENFORCEMENT_REMINDER_OFFSETS_SECONDS: String(REMINDER_BEFORE_MS / 1000),
      ENFORCEMENT_ESCALATION_GRACE: '3600s',
      ENFORCEMENT_RECONCILE_INTERVAL_MS: '1000',
      ENFORCEMENT_DEADLINE_CONCURRENCY: '10',
    }),
  );
  expect(await jobIds()).toEqual(scheduled);
  // Running it again (as the periodic job scheduler does) adds nothing.
  await reconcileDeadlines(dataSource, scheduler);
  expect(await jobIds()).toEqual(scheduled);
  expect([...scheduled]).toContain(
    deadlineJobId({ kind: 'DEADLINE', orderId: ids[0], deadline: deadline.toISOString() }),
  );

  // Every reminder, then every deadline check, runs exactly once, while reconciles keep running.
  const overdue = await until(
    async () =>
      Number(
        (
          await dataSource.query(
            `SELECT count(*) AS n FROM enforcement.rectification_order WHERE status = 'OVERDUE'`,
          )
        )[0].n,
      ),
    (n) => n === ORDERS,
    60_000,
  );
  expect(overdue).toBe(ORDERS);
  await sleep(2500);
  const [counts] = await dataSource.query(
    `SELECT count(*) FILTER (WHERE kind = 'REMINDER')::int AS reminders,
            count(*) FILTER (WHERE kind = 'DEADLINE_MISSED')::int AS missed,
            count(DISTINCT order_id) FILTER (WHERE kind = 'REMINDER')::int AS reminded_orders
       FROM enforcement.notification`,
  );
  // Two recipients each: the institution and the county department.
  expect(counts).toEqual({ reminders: 2 * ORDERS, missed: 2 * ORDERS, reminded_orders: ORDERS });
  const events = await outboxEventCounts(dataSource);
  expect(events).toEqual([
    { type: 'InstitutionBlacklisted', n: ORDERS, orders: ORDERS },
    { type: 'RectificationDeadlineMissed', n: ORDERS, orders: ORDERS },
  ]);
}, 120_000);
