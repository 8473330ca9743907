import type { EntityManager } from 'typeorm';
import { beijingDeadlineText } from '@jianguan/platform';
import type { Grace } from '../config';
import { EscalationCaseEntity } from '../entities/escalation-case.entity';
import { DisciplineReferralEntity } from '../entities/discipline-referral.entity';
import type { RectificationOrderEntity } from '../entities/rectification-order.entity';
import { NEXT_LEVEL, regionAtLevel, type CaseLevel } from '../orders/order';
import { saveOrderChange, snapshot } from '../orders/order-store';
import { allows } from '../orders/transitions';
import { NotDueYet, sameInstant, stale, type DeadlineResult } from '../deadlines/job-result';
import { departmentRecipient, disciplineRecipient, insertNotifications } from '../deadlines/notify';
import { DEADLINE_SYSTEM_ACTOR as SYSTEM } from '../deadlines/overdue';
import type { OrderJobData } from '../deadlines/schedule';
import { respondByFrom } from '../deadlines/timings';

type EscalateJob = Extract<OrderJobData, { kind: 'ESCALATE' }>;

/**
 * The escalation ladder's step for a locked order: the case at job.level had until respondBy and
 * nobody recorded an action, so it closes as ESCALATED and the next level takes over — the city, the
 * province, and after the province a discipline referral.
 */
export async function escalateOrder(
  manager: EntityManager,
  order: RectificationOrderEntity,
  job: EscalateJob,
  at: Date,
  grace: Grace,
): Promise<DeadlineResult> {
  if (!escalationStillApplies(order, job)) return stale;
  if (at.getTime() < Date.parse(job.respondBy)) throw new NotDueYet(`escalation of ${order.id} not yet due`);
  const before = snapshot(order);
  await closeCase(manager, order, job.level, at);
  order.status = 'ESCALATED';
  const next = NEXT_LEVEL[job.level];
  const failed = departmentRecipient(regionAtLevel(order.regionCode, job.level));
  return next === 'REFERRED'
    ? referToDiscipline(manager, order, before, failed, at)
    : openNextCase(manager, order, before, next, failed, at, grace);
}

/** The job was made for the order's current case: still overdue at that level, same respond-by. */
const escalationStillApplies = (order: RectificationOrderEntity, job: EscalateJob): boolean =>
  allows('escalate', order) &&
  order.escalationLevel === job.level &&
  sameInstant(order.respondBy, job.respondBy);

function closeCase(manager: EntityManager, order: RectificationOrderEntity, level: CaseLevel, at: Date) {
  return manager.update(
    EscalationCaseEntity,
    { orderId: order.id, level },
    { outcome: 'ESCALATED', resolvedAt: at },
  );
}

/** After the province: the county's responsible officers are referred to discipline inspection. */
async function referToDiscipline(
  manager: EntityManager,
  order: RectificationOrderEntity,
  before: ReturnType<typeof snapshot>,
  failed: string,
  at: Date,
): Promise<DeadlineResult> {
  const county = regionAtLevel(order.regionCode, 'COUNTY');
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

/** The next level's case, answering by a new respond-by; its own escalation is scheduled after commit. */
async function openNextCase(
  manager: EntityManager,
  order: RectificationOrderEntity,
  before: ReturnType<typeof snapshot>,
  level: CaseLevel,
  failed: string,
  at: Date,
  grace: Grace,
): Promise<DeadlineResult> {
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
}

/** Who answers for the failure: the officer who issued the order and whoever extended it. */
async function responsibleOfficers(
  manager: EntityManager,
  order: RectificationOrderEntity,
): Promise<string[]> {
  const rows: { actor_name: string }[] = await manager.query(
    `SELECT DISTINCT actor_name FROM enforcement.order_history
      WHERE order_id = $1 AND action IN ('extendRectificationDeadline') ORDER BY actor_name`,
    [order.id],
  );
  return [...new Set([order.issuedByName, ...rows.map((r) => r.actor_name)])];
}
