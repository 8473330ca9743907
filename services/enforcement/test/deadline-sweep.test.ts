import type { DataSource } from 'typeorm';
import { parseTimeLimit } from '@jianguan/platform';
import { runDeadlineJob, type DeadlineResult } from '../src/deadlines/process';
import { deadlineJobId, jobsFor } from '../src/deadlines/schedule';
import { insertOrders, useEnforcementDatabase } from './support';

/**
 * Many deadlines due in the same second: the first deadline jobs to run sweep every due order in
 * batches, each exactly once, while orders extended or rectified meanwhile stay as they are.
 */
const ORDERS = 250;
const enforcement = useEnforcementDatabase();
let dataSource: DataSource;
const grace = parseTimeLimit('3600s');
const options = { grace, batchSize: 40 };

beforeAll(async () => {
  dataSource = await enforcement.openDataSource(8);
});

const count = async (sql: string, params: unknown[] = []) =>
  (await dataSource.query(sql, params)) as Record<string, unknown>[];

/** What a user checks: per order, its status, cases, events, notifications, history and audit lines. */
const perOrder = (ids: string[]) =>
  count(
    `SELECT o.id, o.status, o.escalation_level, o.respond_by,
            (SELECT count(*)::int FROM enforcement.escalation_case c WHERE c.order_id = o.id AND c.level = 'COUNTY'
                AND c.respond_by = o.respond_by AND c.outcome IS NULL) AS cases,
            (SELECT count(*)::int FROM enforcement.outbox e
              WHERE e.payload->>'orderId' = o.id::text AND e.type = 'RectificationDeadlineMissed') AS missed,
            (SELECT count(*)::int FROM enforcement.outbox e
              WHERE e.payload->>'orderId' = o.id::text AND e.type = 'InstitutionBlacklisted') AS blacklisted,
            (SELECT count(*)::int FROM enforcement.notification n
              WHERE n.order_id = o.id AND n.kind = 'DEADLINE_MISSED') AS notified,
            (SELECT count(*)::int FROM enforcement.order_history h
              WHERE h.order_id = o.id AND h.action = 'rectificationDeadlineMissed'
                AND h.from_status = 'OPEN' AND h.to_status = 'OVERDUE') AS history,
            (SELECT count(*)::int FROM enforcement.audit_record a
              WHERE a.entity_id = o.id::text AND a.action = 'rectificationDeadlineMissed'
                AND a.before->>'status' = 'OPEN' AND a.after->>'status' = 'OVERDUE') AS audited
       FROM enforcement.rectification_order o WHERE o.id = ANY($1::uuid[]) ORDER BY o.id`,
    [ids],
  );

it('escalates every order due in the same second exactly once, sparing extended and rectified ones', async () => {
  const deadline = new Date(Date.now() - 1000);
  const ids = await insertOrders(dataSource, ORDERS, deadline, new Date(Date.now() - 60_000));
  const [extended, rectified, ...due] = ids;
  // Meanwhile one order was given more time and one was rectified.
  const later = new Date(Date.now() + 3_600_000);
  await dataSource.query(
    `UPDATE enforcement.rectification_order SET deadline = $2, deadline_set_at = now() WHERE id = $1`,
    [extended, later],
  );
  await dataSource.query(
    `UPDATE enforcement.rectification_order SET status = 'RECTIFIED', rectified_at = now() WHERE id = $1`,
    [rectified],
  );

  // The deadline jobs of every order fire together, ten at a time as the worker runs them.
  const committed: DeadlineResult[] = [];
  const afterCommit = async (result: DeadlineResult) => void committed.push(result);
  const jobs = ids.map((orderId) => ({
    kind: 'DEADLINE' as const,
    orderId,
    deadline: deadline.toISOString(),
  }));
  const outcomes: string[] = [];
  for (let i = 0; i < jobs.length; i += 10) {
    const slice = jobs.slice(i, i + 10);
    outcomes.push(
      ...(await Promise.all(slice.map((job) => runDeadlineJob(dataSource, job, options, afterCommit)))),
    );
  }
  // The first jobs swept everything; the rest found their order done.
  expect(outcomes.filter((o) => o === 'OVERDUE').length).toBeLessThan(ORDERS / 10);
  expect(outcomes.filter((o) => o === 'STALE').length).toBeGreaterThan(ORDERS / 2);

  const rows = await perOrder(due);
  expect(rows).toHaveLength(due.length);
  for (const row of rows) {
    expect(row).toMatchObject({
      status: 'OVERDUE',
      escalation_level: 'COUNTY',
      cases: 1,
      missed: 1,
      blacklisted: 1,
      notified: 2,
      history: 1,
      audited: 1,
    });
  }
  // Each escalation was handed on once, to be scheduled at its respond-by, and each notification once.
  const next = committed.flatMap((r) => r.next);
  expect(new Set(next.map((o) => o.id))).toEqual(new Set(due));
  expect(next).toHaveLength(due.length);
  for (const order of next) {
    const [job] = jobsFor(order, { reminderOffsetsMs: [] });
    expect(deadlineJobId(job)).toBe(`escalate-${order.id}-county-${order.respondBy!.getTime()}`);
    // The county has the grace from when the deadline was found missed (after it passed).
    expect(order.respondBy!.getTime()).toBeGreaterThanOrEqual(deadline.getTime() + 3_600_000);
  }
  const notifications = committed.flatMap((r) => r.notifications);
  expect(notifications).toHaveLength(2 * due.length);
  expect(new Set(notifications.map((n) => `${n.orderId} ${n.recipient}`)).size).toBe(2 * due.length);
  // The extended and the rectified order are untouched.
  const untouched = await perOrder([extended, rectified]);
  expect(untouched.map((r) => [r.id, r.status, r.cases, r.missed, r.notified, r.history])).toEqual(
    [
      [extended, 'OPEN', 0, 0, 0, 0],
      [rectified, 'RECTIFIED', 0, 0, 0, 0],
    ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
  );

  // Running every job again (a redelivery) changes nothing.
  const before = await count(
    `SELECT (SELECT count(*)::int FROM enforcement.escalation_case) AS cases,
            (SELECT count(*)::int FROM enforcement.outbox) AS events,
            (SELECT count(*)::int FROM enforcement.notification) AS notifications,
            (SELECT count(*)::int FROM enforcement.order_history) AS history,
            (SELECT count(*)::int FROM enforcement.audit_record) AS audit`,
  );
  committed.length = 0;
  const again = await Promise.all(
    jobs.slice(0, 20).map((job) => runDeadlineJob(dataSource, job, options, afterCommit)),
  );
  expect(new Set(again)).toEqual(new Set(['STALE']));
  expect(committed.flatMap((r) => [...r.next, ...r.notifications])).toEqual([]);
  expect(
    await count(
      `SELECT (SELECT count(*)::int FROM enforcement.escalation_case) AS cases,
              (SELECT count(*)::int FROM enforcement.outbox) AS events,
              (SELECT count(*)::int FROM enforcement.notification) AS notifications,
              (SELECT count(*)::int FROM enforcement.order_history) AS history,
              (SELECT count(*)::int FROM enforcement.audit_record) AS audit`,
    ),
  ).toEqual(before);
  expect(before[0]).toEqual({
    cases: due.length,
    events: 2 * due.length,
    notifications: 2 * due.length,
    history: due.length,
    audit: due.length,
  });
}, 60_000);
