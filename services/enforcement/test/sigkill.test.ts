import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { enforcementService } from '../src/service';
import { insertOrders, until, useEnforcementDatabase, outboxEventCounts } from './support';

/**
 * Kill the worker process (SIGKILL) in the middle of a run of 1,000 due deadlines and start it again:
 * every order ends escalated — county → city → province → discipline referral — each step exactly once,
 * with no duplicate notification or event. The worker runs as a real child process (`src/worker.ts`).
 */
const ORDERS = 1000;
const ROOT = path.resolve(__dirname, '../../..');
const enforcement = useEnforcementDatabase();
let dataSource: DataSource;
let child: ChildProcess | undefined;

beforeAll(async () => {
  dataSource = await enforcement.openDataSource(2);
  enforcement.service.atEnd(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });
});

function startWorkerProcess(): ChildProcess {
  const env = enforcement.service.envFor(enforcementService, {
    ENFORCEMENT_ESCALATION_GRACE: '2s',
    ENFORCEMENT_RECONCILE_INTERVAL_MS: '3000',
    ENFORCEMENT_DEADLINE_CONCURRENCY: '10',
    // Deadline sweeps of 50 orders: the kill falls among committed, running and untouched batches.
    ENFORCEMENT_DEADLINE_BATCH_SIZE: '50',
    // A killed worker's active jobs are taken up again after this long.
    ENFORCEMENT_JOB_LOCK_MS: '3000',
  });
  const started = spawn(
    process.execPath,
    ['-r', '@swc-node/register', 'services/enforcement/src/worker.ts'],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH, SWCRC: 'true', ...env },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  return started;
}

const progress = async () => {
  const [row] = await dataSource.query(
    `SELECT count(*) FILTER (WHERE status <> 'OPEN')::int AS overdue,
            count(*) FILTER (WHERE escalation_level = 'REFERRED')::int AS referred
       FROM enforcement.rectification_order`,
  );
  return row as { overdue: number; referred: number };
};

it('ends every one of 1,000 due orders escalated exactly once across a SIGKILL of the worker', async () => {
  // 1,000 orders whose deadline has just passed; the worker's reconciler finds them at start.
  const now = Date.now();
  await insertOrders(dataSource, ORDERS, new Date(now - 1000), new Date(now - 60_000));

  child = startWorkerProcess();
  const midRun = await until(progress, (p) => p.overdue >= 150, 60_000);
  child.kill('SIGKILL');
  await new Promise((resolve) => child!.once('exit', resolve));
  const atKill = await progress();
  expect(midRun.overdue).toBeGreaterThanOrEqual(150);
  // Killed in the middle: not every order had reached the end of the ladder.
  expect(atKill.referred).toBeLessThan(ORDERS);

  child = startWorkerProcess();
  const done = await until(progress, (p) => p.referred === ORDERS, 150_000);
  expect(done.referred).toBe(ORDERS);
  // Let any late duplicate run before counting.
  await new Promise((resolve) => setTimeout(resolve, 4000));
  child.kill('SIGTERM');
  await new Promise((resolve) => child!.once('exit', resolve));

  const [cases] = await dataSource.query(
    `SELECT count(*)::int AS total, count(DISTINCT (order_id, level))::int AS distinct_cases,
            count(*) FILTER (WHERE outcome = 'ESCALATED')::int AS escalated
       FROM enforcement.escalation_case`,
  );
  expect(cases).toEqual({ total: 3 * ORDERS, distinct_cases: 3 * ORDERS, escalated: 3 * ORDERS });
  const [referrals] = await dataSource.query(
    `SELECT count(*)::int AS n, count(DISTINCT order_id)::int AS orders FROM enforcement.discipline_referral`,
  );
  expect(referrals).toEqual({ n: ORDERS, orders: ORDERS });
  // Two recipients for each of the four steps (deadline missed, city, province, referral).
  const notifications = await dataSource.query(
    `SELECT kind, count(*)::int AS n FROM enforcement.notification GROUP BY kind ORDER BY kind`,
  );
  expect(notifications).toEqual([
    { kind: 'DEADLINE_MISSED', n: 2 * ORDERS },
    { kind: 'DISCIPLINE_REFERRAL', n: 2 * ORDERS },
    { kind: 'ESCALATION', n: 4 * ORDERS },
  ]);
  const history = await dataSource.query(
    `SELECT action, count(*)::int AS n, count(DISTINCT order_id)::int AS orders
       FROM enforcement.order_history GROUP BY action ORDER BY action`,
  );
  expect(history).toEqual([
    { action: 'escalateToCITY', n: ORDERS, orders: ORDERS },
    { action: 'escalateToPROVINCE', n: ORDERS, orders: ORDERS },
    { action: 'rectificationDeadlineMissed', n: ORDERS, orders: ORDERS },
    { action: 'referToDisciplineInspection', n: ORDERS, orders: ORDERS },
  ]);
  const events = await outboxEventCounts(dataSource);
  expect(events).toEqual([
    { type: 'InstitutionBlacklisted', n: ORDERS, orders: ORDERS },
    { type: 'RectificationDeadlineMissed', n: ORDERS, orders: ORDERS },
  ]);
}, 240_000);
