import type { EntityManager } from 'typeorm';
import type { NotificationKind } from '../entities/notification.entity';
import type { OutgoingNotification } from './delivery';

/**
 * Writes one notification row per recipient in the caller's transaction. The unique
 * (order, step, recipient) makes a second run of the same step write nothing; returns the rows written.
 */
export async function insertNotifications(
  manager: EntityManager,
  orderId: string,
  kind: NotificationKind,
  step: string,
  recipients: string[],
  message: string,
): Promise<OutgoingNotification[]> {
  const rows: { id: string; recipient: string }[] = await manager.query(
    `INSERT INTO enforcement.notification (order_id, kind, step, recipient, message)
     SELECT $1, $2, $3, r, $5 FROM unnest($4::text[]) AS r
     ON CONFLICT (order_id, step, recipient) DO NOTHING
     RETURNING id, recipient`,
    [orderId, kind, step, recipients, message],
  );
  return rows.map((row) => ({ id: row.id, orderId, kind, step, recipient: row.recipient, message }));
}

export const institutionRecipient = (institutionId: string) => `INSTITUTION:${institutionId}`;
export const departmentRecipient = (regionCode: string) => `DEPARTMENT:${regionCode}`;
export const disciplineRecipient = (regionCode: string) => `DISCIPLINE_INSPECTION:${regionCode}`;
