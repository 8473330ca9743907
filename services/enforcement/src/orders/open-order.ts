import type { EntityManager } from 'typeorm';
import { lockById, type Claims } from '@jianguan/platform';
import { recordEvent } from '@jianguan/events';
import { KnownInstitutionEntity } from '../entities/known-institution.entity';
import { RectificationOrderEntity } from '../entities/rectification-order.entity';
import type { OrderSource, Problem } from './order';
import { saveOrderChange, snapshot } from './order-store';

/**
 * Locks the institution's row for the rest of the transaction: its orders, penalties and black-list
 * entries are decided one at a time, so identical requests sent at once record one.
 */
export const lockKnownInstitution = (manager: EntityManager, id: string): Promise<KnownInstitutionEntity> =>
  lockById(manager, KnownInstitutionEntity, id, 'Institution');

export interface OrderSpec {
  institutionId: string;
  regionCode: string;
  source: OrderSource;
  problems: Problem[];
  deadline: Date;
  /** Set when the deadline is a working-day count from now (ResolvedDeadline). */
  deadlineWorkingDays?: number | null;
  deadlineProvisional?: boolean;
  campaignId: string | null;
  /** Names the finding an order comes from (event, campaign), so a repeat opens nothing. */
  originKey: string | null;
  issuingRegionCode: string;
  actor: Pick<Claims, 'sub' | 'name'>;
  /** The history line's detail. */
  detail: string | null;
  requestId?: string;
}

export interface OpenedOrder {
  order: RectificationOrderEntity;
  /** CREATED: a new order (schedule it); AMENDED: problems added to an open order; COVERED: nothing new. */
  outcome: 'CREATED' | 'AMENDED' | 'COVERED';
}

const OPEN_STATUSES = ['OPEN', 'OVERDUE', 'ESCALATED'];

/**
 * The one way an order comes into being — by an official, a campaign or another department's finding —
 * keeping at most one open order per institution and problem (docs/design.md §9.4): problems an open
 * order already covers add nothing; new ones join the institution's OPEN order from the same source
 * (history line and RectificationOrderAmended); otherwise a new order is issued with only the new ones. The caller's transaction
 * must hold the institution's lock (lockKnownInstitution). Scheduling a CREATED order is the caller's.
 */
export async function openOrder(manager: EntityManager, spec: OrderSpec): Promise<OpenedOrder> {
  const orders = manager.getRepository(RectificationOrderEntity);
  if (spec.originKey) {
    const same = await orders.findOneBy({ originKey: spec.originKey });
    if (same) return { order: same, outcome: 'COVERED' };
  }
  const open = await orders
    .createQueryBuilder('o')
    .where('o.institution_id = :id AND o.status IN (:...statuses)', {
      id: spec.institutionId,
      statuses: OPEN_STATUSES,
    })
    .orderBy('o.issued_at')
    .getMany();
  const covered = new Set(open.flatMap((o) => o.problems.map((p) => p.code)));
  const fresh = spec.problems.filter((p) => !covered.has(p.code));
  if (fresh.length === 0 && open.length > 0) {
    const first = open.find((o) => o.problems.some((p) => spec.problems.some((q) => q.code === p.code)));
    return { order: first ?? open[0], outcome: 'COVERED' };
  }
  // New problems join an OPEN order from the same channel (a re-screen, a second classification); an
  // inspection's new findings with their own deadline are an order of their own.
  const amendable = open.filter((o) => o.status === 'OPEN' && o.source === spec.source).at(-1);
  if (amendable) return { order: await addProblems(manager, amendable, fresh, spec), outcome: 'AMENDED' };
  return { order: await issueOrder(manager, { ...spec, problems: fresh }), outcome: 'CREATED' };
}

async function addProblems(
  manager: EntityManager,
  order: RectificationOrderEntity,
  problems: Problem[],
  spec: OrderSpec,
): Promise<RectificationOrderEntity> {
  const before = snapshot(order);
  order.problems = [...order.problems, ...problems];
  const added = problems.map((p) => p.description).join('；');
  await saveOrderChange(
    manager,
    order,
    before,
    spec.actor,
    'addProblems',
    `追加问题：${added}`,
    spec.requestId,
  );
  await recordEvent(manager, 'enforcement', 'RectificationOrderAmended', {
    orderId: order.id,
    institutionId: order.institutionId,
    regionCode: order.regionCode,
    change: 'PROBLEMS_ADDED',
    problems: order.problems,
    deadline: order.deadline.toISOString(),
    amendedAt: new Date().toISOString(),
  });
  return order;
}

async function issueOrder(manager: EntityManager, spec: OrderSpec): Promise<RectificationOrderEntity> {
  const now = new Date();
  const order = manager.create(RectificationOrderEntity, {
    institutionId: spec.institutionId,
    regionCode: spec.regionCode,
    source: spec.source,
    problems: spec.problems,
    issuingRegionCode: spec.issuingRegionCode,
    issuedById: spec.actor.sub,
    issuedByName: spec.actor.name,
    issuedAt: now,
    deadline: spec.deadline,
    deadlineSetAt: now,
    deadlineWorkingDays: spec.deadlineWorkingDays ?? null,
    deadlineProvisional: spec.deadlineProvisional ?? false,
    status: 'OPEN',
    escalationLevel: null,
    respondBy: null,
    rectifiedAt: null,
    rectifiedLate: false,
    evidence: null,
    closedAt: null,
    campaignId: spec.campaignId,
    originKey: spec.originKey,
  });
  await saveOrderChange(
    manager,
    order,
    null,
    spec.actor,
    'issueRectificationOrder',
    spec.detail,
    spec.requestId,
  );
  await recordEvent(manager, 'enforcement', 'RectificationOrderIssued', {
    orderId: order.id,
    institutionId: order.institutionId,
    regionCode: order.regionCode,
    problems: order.problems,
    deadline: order.deadline.toISOString(),
    issuedAt: now.toISOString(),
  });
  return order;
}
