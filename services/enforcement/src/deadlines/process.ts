import type { DataSource } from 'typeorm';
import { beijingDeadlineText } from '@jianguan/platform';
import type { Grace } from '../config';
import { EscalationCaseEntity } from '../entities/escalation-case.entity';
import { DisciplineReferralEntity } from '../entities/discipline-referral.entity';
import type { RectificationOrderEntity } from '../entities/rectification-order.entity';
import { NEXT_LEVEL, regionAtLevel, type CaseLevel } from '../domain/order';
import { lockOrder, saveOrderChange, snapshot } from '../commands/order-state';
import type { OutgoingNotification } from './delivery';
import {
  departmentRecipient,
  disciplineRecipient,
  insertNotifications,
  institutionRecipient,
} from './notify';
import { claimDueOrders, DEADLINE_SYSTEM_ACTOR as SYSTEM, markOverdue } from './overdue';
import { reminderStep, type OrderJobData } from './schedule';
import { respondByFrom } from './timings';

export type DeadlineOutcome = 'SENT' | 'ALREADY_SENT' | 'STALE' | 'OVERDUE' | 'ESCALATED' | 'REFERRED';

export interface DeadlineResult {
  outcome: DeadlineOutcome;
  /** The orders after the change, when the step opened cases whose escalation must be scheduled. */
  next: RectificationOrderEntity[];
  notifications: OutgoingNotification[];
  /** A deadline step took a full batch: more due orders may be waiting for a sweep. */
  more: boolean;
}

export interface DeadlineOptions {
  grace: Grace;
  /** How many due orders one deadline transaction takes (the job's own and others due with it). */
  batchSize: number;
  now?: () => Date;
}

/** Thrown when a job runs before its instant (a clock behind Redis's); BullMQ retries it. */
export class NotDueYet extends Error {
  override name = 'NotDueYet';
}

const stale: DeadlineResult = { outcome: 'STALE', next: [], notifications: [], more: false };
const sameInstant = (a: Date | null, iso: string) => a !== null && a.getTime() === Date.parse(iso);
/** A reminder or deadline job applies while its order is OPEN with the deadline the job was made for. */
const stillOpenUntil = (order: { status: string; deadline: Date }, deadline: string) =>
  order.status === 'OPEN' && sameInstant(order.deadline, deadline);

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
  const [order]: { status: string; deadline: Date }[] = await dataSource.query(
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
  const { grace } = options;
  if (job.kind !== 'ESCALATE' && (await passedBy(dataSource, job.orderId, job.deadline))) return stale;
  return dataSource.transaction(async (manager) => {
    const order = await lockOrder(manager, job.orderId);
    if (!order) return stale;
    const at = (options.now ?? (() => new Date()))();
    const county = regionAtLevel(order.regionCode, 'COUNTY');

    if (job.kind === 'REMINDER') {
      if (!stillOpenUntil(order, job.deadline)) return stale;
      // Once the deadline has passed, the deadline check speaks instead.
      if (at.getTime() >= order.deadline.getTime()) return stale;
      const sent = await insertNotifications(manager, [
        {
          orderId: order.id,
          kind: 'REMINDER',
          step: reminderStep(job.offsetSeconds, order.deadline),
          recipients: [institutionRecipient(order.institutionId), departmentRecipient(county)],
          message: `整改期限提醒：整改通知将于 ${beijingDeadlineText(order.deadline)}（北京时间）到期`,
        },
      ]);
      return {
        outcome: sent.length > 0 ? 'SENT' : 'ALREADY_SENT',
        next: [],
        notifications: sent,
        more: false,
      };
    }

    if (job.kind === 'DEADLINE') {
      if (!stillOpenUntil(order, job.deadline)) return stale;
      if (at.getTime() < order.deadline.getTime()) throw new NotDueYet(`deadline of ${order.id} not yet due`);
      // The job's own order, then others due by now that nobody holds: one set-based step for all.
      const others = await claimDueOrders(manager, at, options.batchSize - 1, [order.id]);
      const { changed, notifications } = await markOverdue(manager, [order, ...others], at, grace);
      return {
        outcome: 'OVERDUE',
        next: changed,
        notifications,
        more: others.length > 0 && others.length === options.batchSize - 1,
      };
    }

    // ESCALATE: the case at job.level had until respondBy and nobody recorded an action.
    if (
      (order.status !== 'OVERDUE' && order.status !== 'ESCALATED') ||
      order.escalationLevel !== job.level ||
      !sameInstant(order.respondBy, job.respondBy)
    ) {
      return stale;
    }
    if (at.getTime() < Date.parse(job.respondBy))
      throw new NotDueYet(`escalation of ${order.id} not yet due`);
    const before = snapshot(order);
    await manager.update(
      EscalationCaseEntity,
      { orderId: order.id, level: job.level },
      { outcome: 'ESCALATED', resolvedAt: at },
    );
    const next = NEXT_LEVEL[job.level];
    const failed = departmentRecipient(regionAtLevel(order.regionCode, job.level));
    order.status = 'ESCALATED';
    if (next === 'REFERRED') {
      const officers = await responsibleOfficers(manager, order);
      await manager.insert(DisciplineReferralEntity, {
        orderId: order.id,
        institutionId: order.institutionId,
        regionCode: order.regionCode,
        responsibleRegionCode: county,
        responsibleUnit: `${county} 县级教育行政部门`,
        officers,
        reason: '逾期未整改案件经县、市、省三级督办仍未依法处置',
        referredAt: at,
      });
      order.escalationLevel = 'REFERRED';
      order.respondBy = null;
      await saveOrderChange(manager, order, before, SYSTEM, 'referToDisciplineInspection', null);
      const notifications = await insertNotifications(manager, [
        {
          orderId: order.id,
          kind: 'DISCIPLINE_REFERRAL',
          step: 'escalation:REFERRED',
          recipients: [disciplineRecipient(regionAtLevel(order.regionCode, 'PROVINCE')), failed],
          message: `移送纪检监察：${county} 逾期未整改案件未依法处置，责任人 ${officers.join('、')}`,
        },
      ]);
      return { outcome: 'REFERRED', next: [], notifications, more: false };
    }
    const level: CaseLevel = next;
    const respondBy = respondByFrom(at, grace);
    const responsible = regionAtLevel(order.regionCode, level);
    await manager.insert(EscalationCaseEntity, {
      orderId: order.id,
      level,
      responsibleRegionCode: responsible,
      openedAt: at,
      respondBy,
      outcome: null,
      resolvedAt: null,
    });
    order.escalationLevel = level;
    order.respondBy = respondBy;
    await saveOrderChange(manager, order, before, SYSTEM, `escalateTo${level}`, null);
    const notifications = await insertNotifications(manager, [
      {
        orderId: order.id,
        kind: 'ESCALATION',
        step: `escalation:${level}`,
        recipients: [departmentRecipient(responsible), failed],
        message: `逾期整改案件升级督办至${level === 'CITY' ? '市' : '省'}级：请于 ${beijingDeadlineText(respondBy)}（北京时间）前依法处置`,
      },
    ]);
    return { outcome: 'ESCALATED', next: [order], notifications, more: false };
  });
}

/** Who answers for the failure: the officer who issued the order and whoever extended it. */
async function responsibleOfficers(
  manager: import('typeorm').EntityManager,
  order: RectificationOrderEntity,
): Promise<string[]> {
  const rows: { actor_name: string }[] = await manager.query(
    `SELECT DISTINCT actor_name FROM enforcement.order_history
      WHERE order_id = $1 AND action IN ('extendRectificationDeadline') ORDER BY actor_name`,
    [order.id],
  );
  return [...new Set([order.issuedByName, ...rows.map((r) => r.actor_name)])];
}
