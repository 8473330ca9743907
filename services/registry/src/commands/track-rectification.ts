import type { EntityManager } from 'typeorm';
import type { AuditEntry } from '@jianguan/platform';
import { lockInstitution } from './institution-state';
import { rederiveStatus } from './rederive-status';

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
  await rederiveStatus(manager, institution, {
    actor,
    action: change.open ? 'startRectifying' : 'endRectifying',
  });
}
