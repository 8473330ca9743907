import { badInput, forbidden, type Viewer } from '@jianguan/platform';
import type { RectificationOrderEntity } from '../entities/rectification-order.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function requireUuid(field: string, value: string): string {
  if (!UUID.test(value)) throw badInput(field, `${field} must be an ID`);
  return value;
}

/** The institution's own users, or an official whose jurisdiction covers the order. */
export const canSeeOrder = (viewer: Viewer, order: RectificationOrderEntity) =>
  viewer.canSeeInstitution({ id: order.institutionId, regionCode: order.regionCode });

export function visibleOrder(viewer: Viewer, order: RectificationOrderEntity | null) {
  viewer.requireUser();
  if (order && !canSeeOrder(viewer, order)) throw forbidden('Outside your jurisdiction');
  return order;
}
