import type { DataSource, EntityManager } from 'typeorm';
import { conflict, forbidden, notFound, writeAudit, type Claims, type Viewer } from '@jianguan/platform';
import { RectificationOrderEntity } from '../entities/rectification-order.entity';
import { OrderHistoryEntity } from '../entities/order-history.entity';
import type { OrderStatus } from '../domain/order';
import type { EnforcementConfig } from '../config';
import type { DeadlineScheduler } from '../deadlines/schedule';

/** What every command needs. */
export interface CommandDeps {
  dataSource: DataSource;
  config: EnforcementConfig;
  deadlines: DeadlineScheduler;
}

export const WRITE_SCOPE = 'enforcement:write';
export const READ_SCOPE = 'enforcement:read';
export const DISCIPLINE_SCOPE = 'discipline:read';

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

/** Officials with enforcement:write whose jurisdiction covers the order's region. */
export function requireEnforcer(viewer: Viewer, regionCode: string): Claims {
  const claims = viewer.requireScope(WRITE_SCOPE);
  if (claims.institutionId || !viewer.covers(regionCode)) throw forbidden('Outside your jurisdiction');
  return claims;
}

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
  await manager.insert(OrderHistoryEntity, {
    orderId: order.id,
    action,
    fromStatus: before?.status ?? null,
    toStatus: order.status,
    actorId: actor.sub,
    actorName: actor.name,
    detail,
  });
  await writeAudit(manager, {
    actor,
    action,
    entityType: 'RectificationOrder',
    entityId: order.id,
    before,
    after: snapshot(order),
    requestId,
  });
  return order;
}
