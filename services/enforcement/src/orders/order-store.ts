import type { EntityManager } from 'typeorm';
import {
  lockAuthorised,
  lockById,
  lockByIdIfExists,
  writeAudits,
  type Claims,
  type LockedRow,
  type Viewer,
} from '@jianguan/platform';
import { RectificationOrderEntity } from '../entities/rectification-order.entity';
import { KnownInstitutionEntity } from '../entities/known-institution.entity';

/** Locks the order row for the rest of the transaction, so concurrent changes and jobs queue up. */
export const lockOrder = (manager: EntityManager, id: string): Promise<RectificationOrderEntity> =>
  lockById(manager, RectificationOrderEntity, id, 'Rectification order');

/** lockOrder for a scheduled job, whose order may have gone: null instead of NOT_FOUND. */
export const lockOrderIfExists = (
  manager: EntityManager,
  id: string,
): Promise<RectificationOrderEntity | null> => lockByIdIfExists(manager, RectificationOrderEntity, id);

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

export const snapshot = (order: RectificationOrderEntity) => ({ ...order });

/**
 * Saves a changed order with its history line and audit record in the caller's transaction. Unlike
 * the platform's saveWithHistory, an order's history keeps every action, also those that leave the
 * status as it was (an extended deadline), and a batch step writes many at once (recordOrderChanges).
 */
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
