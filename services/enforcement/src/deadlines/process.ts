import type { DataSource } from 'typeorm';
import { recordEvent } from '@jianguan/events';
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
import { reminderStep, type DeadlineJobData } from './schedule';
import { respondByFrom } from './timings';

export type DeadlineOutcome = 'SENT' | 'ALREADY_SENT' | 'STALE' | 'OVERDUE' | 'ESCALATED' | 'REFERRED';

export interface DeadlineResult {
  outcome: DeadlineOutcome;
  /** The order after the change, when the step opened a case whose escalation must be scheduled. */
  next: RectificationOrderEntity | null;
  notifications: OutgoingNotification[];
}

/** Thrown when a job runs before its instant (a clock behind Redis's); BullMQ retries it. */
export class NotDueYet extends Error {
  override name = 'NotDueYet';
}

const SYSTEM = { sub: 'system:enforcement-deadlines', name: '整改期限监督' };
const stale: DeadlineResult = { outcome: 'STALE', next: null, notifications: [] };
const sameInstant = (a: Date | null, iso: string) => a !== null && a.getTime() === Date.parse(iso);

/**
 * Runs one reminder, deadline check or escalation. Each re-reads the order under a row lock and does
 * nothing when the job no longer applies (rectified, extended, escalated already, action recorded);
 * the status change under the lock and the unique notification rows make a second run a no-op.
 */
export async function processDeadlineJob(
  dataSource: DataSource,
  job: DeadlineJobData,
  grace: Grace,
  now: () => Date = () => new Date(),
): Promise<DeadlineResult> {
  return dataSource.transaction(async (manager) => {
    const order = await lockOrder(manager, job.orderId);
    if (!order) return stale;
    const at = now();
    const county = regionAtLevel(order.regionCode, 'COUNTY');

    if (job.kind === 'REMINDER') {
      if (order.status !== 'OPEN' || !sameInstant(order.deadline, job.deadline)) return stale;
      // Once the deadline has passed, the deadline check speaks instead.
      if (at.getTime() >= order.deadline.getTime()) return stale;
      const sent = await insertNotifications(
        manager,
        order.id,
        'REMINDER',
        reminderStep(job.offsetSeconds, order.deadline),
        [institutionRecipient(order.institutionId), departmentRecipient(county)],
        `整改期限提醒：整改通知将于 ${order.deadline.toISOString()} 到期`,
      );
      return { outcome: sent.length > 0 ? 'SENT' : 'ALREADY_SENT', next: null, notifications: sent };
    }

    if (job.kind === 'DEADLINE') {
      if (order.status !== 'OPEN' || !sameInstant(order.deadline, job.deadline)) return stale;
      if (at.getTime() < order.deadline.getTime()) throw new NotDueYet(`deadline of ${order.id} not yet due`);
      const before = snapshot(order);
      const respondBy = respondByFrom(at, grace);
      order.status = 'OVERDUE';
      order.escalationLevel = 'COUNTY';
      order.respondBy = respondBy;
      await manager.insert(EscalationCaseEntity, {
        orderId: order.id,
        level: 'COUNTY',
        responsibleRegionCode: county,
        openedAt: at,
        respondBy,
        outcome: null,
        resolvedAt: null,
      });
      await saveOrderChange(manager, order, before, SYSTEM, 'rectificationDeadlineMissed', null);
      const base = { institutionId: order.institutionId, regionCode: order.regionCode };
      await recordEvent(manager, 'enforcement', 'RectificationDeadlineMissed', {
        orderId: order.id,
        ...base,
        deadline: order.deadline.toISOString(),
        detectedAt: at.toISOString(),
      });
      await recordEvent(manager, 'enforcement', 'InstitutionBlacklisted', {
        ...base,
        reason: 'RECTIFICATION_DEADLINE_MISSED',
        orderId: order.id,
        trainingStopOrdered: true,
        blacklistedAt: at.toISOString(),
      });
      const notifications = await insertNotifications(
        manager,
        order.id,
        'DEADLINE_MISSED',
        `deadline@${order.deadline.toISOString()}`,
        [institutionRecipient(order.institutionId), departmentRecipient(county)],
        `逾期未整改：已列入黑名单并责令停止全部培训；请县级教育部门于 ${respondBy.toISOString()} 前依法处置`,
      );
      return { outcome: 'OVERDUE', next: order, notifications };
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
      const notifications = await insertNotifications(
        manager,
        order.id,
        'DISCIPLINE_REFERRAL',
        'escalation:REFERRED',
        [disciplineRecipient(regionAtLevel(order.regionCode, 'PROVINCE')), failed],
        `移送纪检监察：${county} 逾期未整改案件未依法处置，责任人 ${officers.join('、')}`,
      );
      return { outcome: 'REFERRED', next: null, notifications };
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
    const notifications = await insertNotifications(
      manager,
      order.id,
      'ESCALATION',
      `escalation:${level}`,
      [departmentRecipient(responsible), failed],
      `逾期整改案件升级督办至${level === 'CITY' ? '市' : '省'}级：请于 ${respondBy.toISOString()} 前依法处置`,
    );
    return { outcome: 'ESCALATED', next: order, notifications };
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
