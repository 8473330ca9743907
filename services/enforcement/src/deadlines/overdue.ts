import type { EntityManager } from 'typeorm';
import { recordEvents, type EventDraft } from '@jianguan/events';
import { beijingDeadlineText } from '@jianguan/platform';
import { recordBlacklistings } from '../blacklist/entries';
import type { Grace } from '../config';
import { RectificationOrderEntity } from '../entities/rectification-order.entity';
import { regionAtLevel } from '../orders/order';
import { recordOrderChanges, snapshot } from '../orders/order-store';
import { ORDER_TRANSITIONS } from '../orders/transitions';
import type { OutgoingNotification } from './delivery';
import { departmentRecipient, insertNotifications, institutionRecipient } from './notify';
import { respondByFrom } from './timings';

export const DEADLINE_SYSTEM_ACTOR = { sub: 'system:enforcement-deadlines', name: '整改期限监督' };

/**
 * Locks up to `limit` OPEN orders whose deadline passed by `at`, earliest first, skipping rows another
 * transaction holds (a command on the order, or another sweep): whoever holds one decides it, and the
 * order's own deadline job still waits for it.
 */
export function claimDueOrders(
  manager: EntityManager,
  at: Date,
  limit: number,
  except: string[] = [],
): Promise<RectificationOrderEntity[]> {
  if (limit <= 0) return Promise.resolve([]);
  return manager
    .getRepository(RectificationOrderEntity)
    .createQueryBuilder('o')
    .setLock('pessimistic_write')
    .setOnLocked('skip_locked')
    .where('o.status IN (:...from) AND o.deadline <= :at', { from: ORDER_TRANSITIONS.from.missDeadline, at })
    .andWhere('NOT (o.id = ANY(:except))', { except })
    .orderBy('o.deadline')
    .limit(limit)
    .getMany();
}

/**
 * The deadline step for locked, due, OPEN orders, one statement per table whatever their number: each
 * becomes OVERDUE with a county escalation case answering by respond-by, a history line and an audit
 * record, the RectificationDeadlineMissed and InstitutionBlacklisted events, and notifications to the
 * institution and the county department. Returns the changed orders (their escalations to schedule)
 * and the notification rows written.
 */
export async function markOverdue(
  manager: EntityManager,
  orders: RectificationOrderEntity[],
  at: Date,
  grace: Grace,
): Promise<{ changed: RectificationOrderEntity[]; notifications: OutgoingNotification[] }> {
  if (orders.length === 0) return { changed: [], notifications: [] };
  const respondBy = respondByFrom(at, grace);
  const ids = orders.map((o) => o.id);
  const counties = orders.map((o) => regionAtLevel(o.regionCode, 'COUNTY'));
  const changes = orders.map((order) => ({ order, before: snapshot(order) }));
  await manager.query(
    `UPDATE enforcement.rectification_order
        SET status = 'OVERDUE', escalation_level = 'COUNTY', respond_by = $2, version = version + 1
      WHERE id = ANY($1::uuid[])`,
    [ids, respondBy],
  );
  for (const order of orders) {
    order.status = 'OVERDUE';
    order.escalationLevel = 'COUNTY';
    order.respondBy = respondBy;
    order.version += 1;
  }
  await manager.query(
    `INSERT INTO enforcement.escalation_case (order_id, level, responsible_region_code, opened_at, respond_by)
     SELECT order_id, 'COUNTY', county, $3, $4 FROM unnest($1::uuid[], $2::text[]) AS c(order_id, county)`,
    [ids, counties, at, respondBy],
  );
  await recordOrderChanges(manager, changes, DEADLINE_SYSTEM_ACTOR, 'rectificationDeadlineMissed', null);
  await recordEvents(
    manager,
    'enforcement',
    orders.flatMap((order): EventDraft[] => {
      const base = { orderId: order.id, institutionId: order.institutionId, regionCode: order.regionCode };
      return [
        {
          type: 'RectificationDeadlineMissed',
          payload: { ...base, deadline: order.deadline.toISOString(), detectedAt: at.toISOString() },
        },
        {
          type: 'InstitutionBlacklisted',
          payload: {
            ...base,
            reason: 'RECTIFICATION_DEADLINE_MISSED',
            trainingStopOrdered: true,
            blacklistedAt: at.toISOString(),
          },
        },
      ];
    }),
  );
  await recordBlacklistings(
    manager,
    orders.map((order) => ({
      institutionId: order.institutionId,
      reason: 'RECTIFICATION_DEADLINE_MISSED',
      orderId: order.id,
      penaltyId: null,
      listedByRegionCode: order.issuingRegionCode,
      listedAt: at,
    })),
  );
  const notifications = await insertNotifications(
    manager,
    orders.map((order, i) => ({
      orderId: order.id,
      kind: 'DEADLINE_MISSED',
      step: `deadline@${order.deadline.toISOString()}`,
      recipients: [institutionRecipient(order.institutionId), departmentRecipient(counties[i])],
      message: `逾期未整改：已列入黑名单并责令停止全部培训；请县级教育部门于 ${beijingDeadlineText(respondBy)} 前依法处置`,
    })),
  );
  return { changed: orders, notifications };
}
