import type { DataSource, EntityManager } from 'typeorm';
import { beijingDeadlineText } from '@jianguan/platform';
import type { RectificationOrderEntity } from '../entities/rectification-order.entity';
import { regionAtLevel, type OrderStatus } from '../orders/order';
import { lockOrderIfExists } from '../orders/order-store';
import { allows } from '../orders/transitions';
import { escalateOrder } from '../escalation/escalate';
import {
  NotDueYet,
  sameInstant,
  stale,
  type DeadlineOptions,
  type DeadlineOutcome,
  type DeadlineResult,
} from './job-result';
import { departmentRecipient, insertNotifications, institutionRecipient } from './notify';
import { claimDueOrders, markOverdue } from './overdue';
import { reminderStep, type OrderJobData } from './schedule';

export { NotDueYet, type DeadlineOptions, type DeadlineOutcome, type DeadlineResult };

/** A reminder or deadline job applies while its order is OPEN with the deadline the job was made for. */
const stillOpenUntil = (order: { status: OrderStatus; deadline: Date }, deadline: string) =>
  allows('missDeadline', order) && sameInstant(order.deadline, deadline);

/**
 * Runs a job, handing each committed transaction's result to `afterCommit` (schedule the next rung,
 * deliver the notifications). A deadline check that finds its order due takes other due orders along
 * in the same transaction and then sweeps the rest batch by batch, so deadlines falling due together
 * cost a few set-based transactions instead of one each; their own jobs then find them done (STALE).
 */
export async function runDeadlineJob(
  dataSource: DataSource,
  job: OrderJobData,
  options: DeadlineOptions,
  afterCommit: (result: DeadlineResult) => Promise<void>,
): Promise<DeadlineOutcome> {
  let result = await processDeadlineJob(dataSource, job, options);
  const outcome = result.outcome;
  let handedOn = observed(afterCommit(result));
  while (result.more) {
    // The next batch is claimed while the last one's escalations go to Redis.
    result = await sweepDueDeadlines(dataSource, options);
    await handedOn;
    handedOn = observed(afterCommit(result));
  }
  await handedOn;
  return outcome;
}

/** Marks a promise as handled while it runs alongside other work; awaiting it still throws. */
function observed<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}

/** One batch of due orders with no job of their own in hand (the continuation of runDeadlineJob). */
export function sweepDueDeadlines(dataSource: DataSource, options: DeadlineOptions): Promise<DeadlineResult> {
  return dataSource.transaction(async (manager) => {
    const at = (options.now ?? (() => new Date()))();
    const due = await claimDueOrders(manager, at, options.batchSize);
    if (due.length === 0) return stale;
    const { changed, notifications } = await markOverdue(manager, due, at, options.grace);
    return { outcome: 'OVERDUE', next: changed, notifications, more: due.length === options.batchSize };
  });
}

/**
 * Whether an order has left OPEN or moved its deadline, read without a lock or transaction. An order
 * never returns to OPEN and a deadline only moves later, so a yes is final and the job is stale: when
 * a sweep has already handled thousands of orders due together, their own jobs end on one read each.
 */
async function passedBy(dataSource: DataSource, orderId: string, deadline: string): Promise<boolean> {
  const [order]: { status: OrderStatus; deadline: Date }[] = await dataSource.query(
    'SELECT status, deadline FROM enforcement.rectification_order WHERE id = $1',
    [orderId],
  );
  return !order || !stillOpenUntil(order, deadline);
}

/**
 * Runs one reminder, deadline check or escalation in one transaction. Each re-reads the order under a
 * row lock and does nothing when the job no longer applies (rectified, extended, escalated already,
 * action recorded); the status change under the lock and the unique notification rows make a second
 * run a no-op.
 */
export async function processDeadlineJob(
  dataSource: DataSource,
  job: OrderJobData,
  options: DeadlineOptions,
): Promise<DeadlineResult> {
  if (job.kind !== 'ESCALATE' && (await passedBy(dataSource, job.orderId, job.deadline))) return stale;
  return dataSource.transaction(async (manager) => {
    const order = await lockOrderIfExists(manager, job.orderId);
    if (!order) return stale;
    const at = (options.now ?? (() => new Date()))();
    switch (job.kind) {
      case 'REMINDER':
        return sendReminder(manager, order, job, at);
      case 'DEADLINE':
        return checkDeadline(manager, order, job, at, options);
      case 'ESCALATE':
        return escalateOrder(manager, order, job, at, options.grace);
    }
  });
}

/** A reminder before the deadline, to the institution and its county department. */
async function sendReminder(
  manager: EntityManager,
  order: RectificationOrderEntity,
  job: Extract<OrderJobData, { kind: 'REMINDER' }>,
  at: Date,
): Promise<DeadlineResult> {
  if (!stillOpenUntil(order, job.deadline)) return stale;
  // Once the deadline has passed, the deadline check speaks instead.
  if (at.getTime() >= order.deadline.getTime()) return stale;
  const county = regionAtLevel(order.regionCode, 'COUNTY');
  const sent = await insertNotifications(manager, [
    {
      orderId: order.id,
      kind: 'REMINDER',
      step: reminderStep(job.offsetSeconds, order.deadline),
      recipients: [institutionRecipient(order.institutionId), departmentRecipient(county)],
      message: `整改期限提醒：整改通知将于 ${beijingDeadlineText(order.deadline)}（北京时间）到期`,
    },
  ]);
  return { outcome: sent.length > 0 ? 'SENT' : 'ALREADY_SENT', next: [], notifications: sent, more: false };
}

/** The deadline check: the job's own order, then others due by now that nobody holds, in one step. */
async function checkDeadline(
  manager: EntityManager,
  order: RectificationOrderEntity,
  job: Extract<OrderJobData, { kind: 'DEADLINE' }>,
  at: Date,
  options: DeadlineOptions,
): Promise<DeadlineResult> {
  if (!stillOpenUntil(order, job.deadline)) return stale;
  if (at.getTime() < order.deadline.getTime()) throw new NotDueYet(`deadline of ${order.id} not yet due`);
  const others = await claimDueOrders(manager, at, options.batchSize - 1, [order.id]);
  const { changed, notifications } = await markOverdue(manager, [order, ...others], at, options.grace);
  return {
    outcome: 'OVERDUE',
    next: changed,
    notifications,
    more: others.length > 0 && others.length === options.batchSize - 1,
  };
}
