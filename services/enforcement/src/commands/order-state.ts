import type { DataSource, EntityManager } from 'typeorm';
import {
  conflict,
  lockAuthorised,
  notFound,
  writeAudits,
  type Claims,
  type LockedRow,
  type Viewer,
} from '@jianguan/platform';
import { RectificationOrderEntity } from '../entities/rectification-order.entity';
import { KnownInstitutionEntity } from '../entities/known-institution.entity';
import type { OrderStatus } from '../domain/order';
import type { EnforcementConfig } from '../config';
import type { DeadlineScheduler } from '../deadlines/schedule';

/** What every command needs. */
export interface CommandDeps {
  dataSource: DataSource;
  config: EnforcementConfig;
  deadlines: DeadlineScheduler;
}

/** Locks the order row for the rest of the transaction, so concurrent changes and jobs queue up. */
export async function lockOrder(
  manager: EntityManager,
  id: string,
  options: { required: true },
): Promise<RectificationOrderEntity>;
export async function lockOrder(
  manager: EntityManager,
  id: string,
  options?: { required: false },
): Promise<RectificationOrderEntity | null>;
export async function lockOrder(
  manager: EntityManager,
  id: string,
  options: { required: boolean } = { required: false },
): Promise<RectificationOrderEntity | null> {
  const order = await manager
    .getRepository(RectificationOrderEntity)
    .createQueryBuilder('o')
    .setLock('pessimistic_write')
    .where('o.id = :id', { id })
    .getOne();
  if (!order && options.required) throw notFound('Rectification order');
  return order;
}

/** Officials with enforcement:write whose jurisdiction covers the region (`enforcement.act`). */
export const requireEnforcer = (viewer: Viewer, regionCode: string): Claims =>
  viewer.requireOn('enforcement.act', { regionCode });

/** lockOrder for an enforcement officer of the order's jurisdiction, authorised before the lock. */
export const lockOrderToEnforce = (
  manager: EntityManager,
  viewer: Viewer,
  id: string,
): Promise<LockedRow<RectificationOrderEntity>> =>
  lockAuthorised(manager, viewer, 'enforcement.act', {
    entity: RectificationOrderEntity,
    id,
    what: 'Rectification order',
  });

/**
 * Locks the institution's row (as lockKnownInstitution: its orders, penalties and black-list entries
 * are decided one at a time) for an enforcement officer of its jurisdiction, authorised before the lock.
 */
export const lockInstitutionToEnforce = (
  manager: EntityManager,
  viewer: Viewer,
  id: string,
): Promise<LockedRow<KnownInstitutionEntity>> =>
  lockAuthorised(manager, viewer, 'enforcement.act', {
    entity: KnownInstitutionEntity,
    id,
    what: 'Institution',
  });

export function requireStatus(order: RectificationOrderEntity, allowed: OrderStatus[], what: string): void {
  if (!allowed.includes(order.status)) throw conflict(`Cannot ${what} an order that is ${order.status}`);
}

export const snapshot = (order: RectificationOrderEntity) => ({ ...order });

/** Saves a changed order with its history line and audit record in the caller's transaction. */
export async function saveOrderChange(
  manager: EntityManager,
  order: RectificationOrderEntity,
  before: ReturnType<typeof snapshot> | null,
  actor: Pick<Claims, 'sub' | 'name'>,
  action: string,
  detail: string | null,
  requestId?: string,
): Promise<RectificationOrderEntity> {
  await manager.save(order);
  await recordOrderChanges(manager, [{ order, before }], actor, action, detail, requestId);
  return order;
}

/**
 * Writes the history lines and audit records of orders already saved, one statement each, in the
 * caller's transaction: what saveOrderChange does after the save, for one order or a batch step's many.
 */
export async function recordOrderChanges(
  manager: EntityManager,
  changes: { order: RectificationOrderEntity; before: ReturnType<typeof snapshot> | null }[],
  actor: Pick<Claims, 'sub' | 'name'>,
  action: string,
  detail: string | null,
  requestId?: string,
): Promise<void> {
  if (changes.length === 0) return;
  await manager.query(
    `INSERT INTO enforcement.order_history (order_id, action, from_status, to_status, actor_id, actor_name, detail)
     SELECT order_id, $3, from_status, to_status, $4, $5, $6
       FROM unnest($1::uuid[], $2::text[], $7::text[]) AS c(order_id, to_status, from_status)`,
    [
      changes.map((c) => c.order.id),
      changes.map((c) => c.order.status),
      action,
      actor.sub,
      actor.name,
      detail,
      changes.map((c) => c.before?.status ?? null),
    ],
  );
  await writeAudits(
    manager,
    changes.map(({ order, before }) => ({
      actor,
      action,
      entityType: 'RectificationOrder',
      entityId: order.id,
      before,
      after: snapshot(order),
      requestId,
    })),
  );
}
