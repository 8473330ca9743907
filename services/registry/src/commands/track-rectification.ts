import type { EntityManager } from 'typeorm';
import { writeAudit, type AuditEntry } from '@jianguan/platform';
import { statusWithOpenOrders } from '../domain/rectification-status';
import { lockInstitution, snapshot } from './institution-state';

/**
 * Records that an order was issued (open) or confirmed (closed) and re-derives the institution's
 * status. An order closed before its "issued" event arrives stays closed, whatever the delivery order.
 */
export async function trackRectificationOrder(
  manager: EntityManager,
  change: { orderId: string; institutionId: string; open: boolean },
  actor: AuditEntry['actor'],
): Promise<void> {
  const institution = await lockInstitution(manager, change.institutionId);
  await manager.query(
    change.open
      ? `INSERT INTO registry.rectification_order (order_id, institution_id, open) VALUES ($1, $2, true)
         ON CONFLICT (order_id) DO NOTHING`
      : `INSERT INTO registry.rectification_order (order_id, institution_id, open) VALUES ($1, $2, false)
         ON CONFLICT (order_id) DO UPDATE SET open = false, updated_at = now()`,
    [change.orderId, change.institutionId],
  );
  const [{ open }] = await manager.query(
    `SELECT count(*)::int AS open FROM registry.rectification_order WHERE institution_id = $1 AND open`,
    [change.institutionId],
  );
  const next = statusWithOpenOrders(institution.status, open);
  if (next === institution.status) return;
  const before = snapshot(institution);
  institution.status = next;
  await manager.save(institution);
  await writeAudit(manager, {
    actor,
    action: change.open ? 'startRectifying' : 'endRectifying',
    entityType: 'Institution',
    entityId: institution.id,
    before,
    after: snapshot(institution),
  });
}
