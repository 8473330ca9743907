import type { InstitutionStatus } from '../entities/institution.entity';

/**
 * Open rectification orders make an active institution RECTIFYING; closing the last one makes it
 * ACTIVE again. Suspended, banned and closed institutions keep their status.
 */
export function statusWithOpenOrders(current: InstitutionStatus, openOrders: number): InstitutionStatus {
  if (current === 'ACTIVE' && openOrders > 0) return 'RECTIFYING';
  if (current === 'RECTIFYING' && openOrders === 0) return 'ACTIVE';
  return current;
}
