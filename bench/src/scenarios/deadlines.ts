/**
 * Scenario 4: N rectification deadlines due in the same second. Orders are issued through the
 * enforcement subgraph with one shared deadline; the enforcement worker (short durations: no
 * reminders, 1 h escalation grace) must mark every order overdue and open its county escalation case,
 * each exactly once. Compared with a no-op BullMQ processor draining N jobs due at one instant.
 */
import { Queue } from 'bullmq';
import { DEADLINE_QUEUE } from '@jianguan/enforcement';
import { childEnv, benchConfig } from '../bench-config';
import { forkChild } from '../children';
import type { NoopQueueJob, NoopQueueResult } from '../processes/noop-queue-main';
import type { RunOptions, ScenarioResult } from '../scenario';
import { issueOrders, withDatabase, type Seeded } from '../seed';
import type { Stack } from '../stack';

const say = (message: string) => process.stderr.write(`[bench] ${message}\n`);

// eslint-disable-next-line max-lines-per-function -- one experiment read top to bottom: set up, run the peers, measure, report
export async function deadlineScenario(
  stack: Stack,
  seeded: Seeded,
  options: RunOptions,
): Promise<ScenarioResult> {
  const count = options.deadlines;
  // Institutions without an order yet (seeding ordered every tenth).
  const free = seeded.institutionIds.filter((_, i) => i % 10 !== 0);
  if (free.length < count) {
    throw new Error(
      `scenario 4 needs ${count} institutions without orders; seed more (--institutions ${Math.ceil((count * 10) / 9) + 10})`,
    );
  }
  const institutions = free.slice(0, count);
  // Lead time: how long issuing takes at the rate seen while seeding, with room to spare.
  const leadMs = Math.ceil((count / seeded.ordersPerSecond) * 1500) + 15_000;
  const deadline = new Date(Math.ceil((Date.now() + leadMs) / 1000) * 1000);
  say(`issuing ${count} orders due at ${deadline.toISOString()} (lead ${Math.round(leadMs / 1000)} s)`);
  const issueStarted = Date.now();
  const orderIds = await issueOrders(stack, institutions, deadline);
  const issueSeconds = (Date.now() - issueStarted) / 1000;
  if (Date.now() >= deadline.getTime()) throw new Error('issuing the orders took longer than the lead time');

  const done = await withDatabase(stack, async (db) => {
    const progress = async () =>
      (
        await db.query<{ orders: string; cases: string; last: Date | null }>(
          `SELECT count(DISTINCT order_id) AS orders, count(*) AS cases, max(opened_at) AS last
           FROM enforcement.escalation_case WHERE order_id = ANY($1::uuid[])`,
          [orderIds],
        )
      ).rows[0];
    const giveUp = deadline.getTime() + 30 * 60_000;
    for (;;) {
      const p = await progress();
      if (Number(p.orders) >= count) break;
      if (Date.now() > giveUp) throw new Error(`only ${p.orders} of ${count} orders escalated after 30 min`);
      await new Promise((r) => setTimeout(r, 250));
    }
    await new Promise((r) => setTimeout(r, 3000)); // a second escalation of any order would show up here
    const p = await progress();
    const overdue = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM enforcement.rectification_order WHERE id = ANY($1::uuid[]) AND status <> 'OPEN'`,
      [orderIds],
    );
    const missed = await db.query<{ n: string; orders: string }>(
      `SELECT count(*) AS n, count(DISTINCT payload->>'orderId') AS orders FROM enforcement.outbox
       WHERE type = 'RectificationDeadlineMissed' AND payload->>'orderId' = ANY($1::text[])`,
      [orderIds],
    );
    return {
      cases: Number(p.cases),
      ordersEscalated: Number(p.orders),
      drainMs: (p.last as Date).getTime() - deadline.getTime(),
      overdue: Number(overdue.rows[0].n),
      missedEvents: Number(missed.rows[0].n),
      missedOrders: Number(missed.rows[0].orders),
    };
  });
  const queueEmptyMs = await deadlineQueueDrained(stack, deadline);
  const exactlyOnce =
    done.cases === count &&
    done.ordersEscalated === count &&
    done.missedEvents === count &&
    done.missedOrders === count;
  say(
    `enforcement: ${count} escalated in ${done.drainMs} ms after the deadline (exactly once: ${exactlyOnce})`,
  );

  const noopProcess = await forkChild('no-op BullMQ', 'noop-queue-main.ts', [], childEnv({}));
  const job: NoopQueueJob = {
    redisUrl: benchConfig.REDIS_URL,
    prefix: `${stack.queuePrefix}-noop`,
    count,
    concurrency: 10, // ENFORCEMENT_DEADLINE_CONCURRENCY's default
    dueAt: Math.ceil((Date.now() + 10_000 + count) / 1000) * 1000,
  };
  const noop = (await noopProcess.ask({ type: 'run', job }, 'result')).result as NoopQueueResult;
  await noopProcess.stop();
  say(`no-op BullMQ: ${noop.processed} jobs in ${noop.drainMs} ms after due (duplicates ${noop.duplicates})`);

  const jianguanRate = count / Math.max(done.drainMs / 1000, 0.001);
  const noopRate = count / Math.max(noop.drainMs / 1000, 0.001);
  return {
    scenario: 4,
    title: `${count.toLocaleString('en')} rectification deadlines due in the same second`,
    notes: [
      `${count} orders issued through the enforcement subgraph in ${issueSeconds.toFixed(0)} s, all with deadline ${deadline.toISOString()}.`,
      "Enforcement worker (its own process, with every other worker) with ENFORCEMENT_REMINDER_OFFSETS_SECONDS=2592000 (no reminders: they would fall before the order was issued) and ENFORCEMENT_ESCALATION_GRACE=1h (only the county escalation happens), default deadline concurrency 10 and ENFORCEMENT_DEADLINE_BATCH_SIZE 500 (a due deadline job takes up to 500 due orders into one set-based transaction; the others' own jobs then end on one read).",
      'Done = the order has its escalation case (read from PostgreSQL); time = last case opened_at − deadline. Exactly once = one escalation case and one RectificationDeadlineMissed event per order, re-checked 3 s after the last.',
      'Limit: a BullMQ worker with an empty processor, concurrency 10, same Redis, draining the same number of delayed jobs due at one instant (its own process).',
    ],
    measurements: {
      orders: count,
      'enforcement: ms from deadline until all escalated': done.drainMs,
      'enforcement: escalations per second': jianguanRate,
      'enforcement: every escalation exactly once': exactlyOnce,
      'enforcement: orders no longer OPEN': done.overdue,
      'enforcement: ms from deadline until its queue had no job left to run': queueEmptyMs,
      'no-op BullMQ: ms from due until all processed': noop.drainMs,
      'no-op BullMQ: jobs per second': noopRate,
      'no-op BullMQ: duplicates': noop.duplicates,
      'enforcement / no-op throughput': jianguanRate / noopRate,
    },
  };
}

/**
 * Once every order is escalated, the orders' own deadline jobs may still be waiting; this is when the
 * queue has none left to run (the county escalations, an hour away, stay delayed).
 */
async function deadlineQueueDrained(stack: Stack, deadline: Date): Promise<number> {
  const queue = new Queue(DEADLINE_QUEUE, {
    connection: { url: benchConfig.REDIS_URL },
    prefix: stack.queuePrefix,
  });
  try {
    for (;;) {
      const counts = await queue.getJobCounts('waiting', 'active', 'prioritized');
      if (counts.waiting + counts.active + counts.prioritized === 0) return Date.now() - deadline.getTime();
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    await queue.close();
  }
}
