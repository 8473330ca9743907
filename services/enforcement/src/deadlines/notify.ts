import type { EntityManager } from 'typeorm';
import type { NotificationKind } from '../entities/notification.entity';
import type { OutgoingNotification } from './delivery';

/** The notifications of one step of one order: one row per recipient. */
export interface NotificationDraft {
  orderId: string;
  kind: NotificationKind;
  step: string;
  recipients: string[];
  message: string;
}

/**
 * Writes the notification rows of one or many steps in the caller's transaction, in one statement.
 * The unique (order, step, recipient) makes a second run of the same step write nothing; returns the
 * rows written.
 */
export async function insertNotifications(
  manager: EntityManager,
  drafts: NotificationDraft[],
): Promise<OutgoingNotification[]> {
  const rows = drafts.flatMap((d) => d.recipients.map((recipient) => ({ ...d, recipient })));
  if (rows.length === 0) return [];
  const written: { id: string; order_id: string; step: string; recipient: string }[] = await manager.query(
    `INSERT INTO enforcement.notification (order_id, kind, step, recipient, message)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[])
     ON CONFLICT (order_id, step, recipient) DO NOTHING
     RETURNING id, order_id, step, recipient`,
    [
      rows.map((r) => r.orderId),
      rows.map((r) => r.kind),
      rows.map((r) => r.step),
      rows.map((r) => r.recipient),
      rows.map((r) => r.message),
    ],
  );
  const byKey = new Map(rows.map((r) => [`${r.orderId}|${r.step}|${r.recipient}`, r]));
  return written.map((w) => {
    const { kind, message } = byKey.get(`${w.order_id}|${w.step}|${w.recipient}`)!;
    return { id: w.id, orderId: w.order_id, kind, step: w.step, recipient: w.recipient, message };
  });
}

export const institutionRecipient = (institutionId: string) => `INSTITUTION:${institutionId}`;
export const departmentRecipient = (regionCode: string) => `DEPARTMENT:${regionCode}`;
export const disciplineRecipient = (regionCode: string) => `DISCIPLINE_INSPECTION:${regionCode}`;
