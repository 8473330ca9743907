import type { DataSource } from 'typeorm';
import {
  badInput,
  inRegionSubtree,
  keysetPaging,
  requireUuid,
  type Keyset,
  type Viewer,
} from '@jianguan/platform';
import { RectificationOrderEntity } from '../entities/rectification-order.entity';
import { DisciplineReferralEntity } from '../entities/discipline-referral.entity';
import { ORDER_STATUSES, type OrderStatus } from '../orders/order';

const NEWEST_ORDERS_FIRST: Keyset<RectificationOrderEntity> = {
  direction: 'DESC',
  columns: [
    { column: 'o.issued_at', part: 'instant', of: (o) => o.issuedAt.toISOString() },
    { column: 'o.id', part: 'id', of: (o) => o.id },
  ],
};

const NEWEST_REFERRALS_FIRST: Keyset<DisciplineReferralEntity> = {
  direction: 'DESC',
  columns: [
    { column: 'r.referred_at', part: 'instant', of: (r) => r.referredAt.toISOString() },
    { column: 'r.id', part: 'id', of: (r) => r.id },
  ],
};

export interface OrderListArgs {
  filter?: { regionCode?: string | null; status?: OrderStatus | null; institutionId?: string | null } | null;
  first?: number | null;
  after?: string | null;
}

/** Orders of the caller's jurisdiction, newest first, with keyset paging. */
export function rectificationOrders(dataSource: DataSource, viewer: Viewer, args: OrderListArgs) {
  const filter = args.filter ?? {};
  const regionCode = viewer.requireListRegion('enforcement.list', filter.regionCode);
  const paging = keysetPaging(NEWEST_ORDERS_FIRST, args);
  if (filter.status && !ORDER_STATUSES.includes(filter.status)) throw badInput('status', 'unknown status');
  if (filter.institutionId) requireUuid('institutionId', filter.institutionId);
  return paging.connection(() => {
    const query = dataSource
      .getRepository(RectificationOrderEntity)
      .createQueryBuilder('o')
      .where(...inRegionSubtree('o.region_code', regionCode));
    if (filter.status) query.andWhere('o.status = :status', { status: filter.status });
    if (filter.institutionId) query.andWhere('o.institution_id = :iid', { iid: filter.institutionId });
    return query;
  });
}

/** Discipline referrals of the region and below, newest first; for discipline:read only. */
export function disciplineReferrals(
  dataSource: DataSource,
  viewer: Viewer,
  args: { regionCode?: string | null; first?: number | null; after?: string | null },
) {
  const regionCode = viewer.requireListRegion('discipline.list', args.regionCode);
  const paging = keysetPaging(NEWEST_REFERRALS_FIRST, args);
  return paging.connection(() =>
    dataSource
      .getRepository(DisciplineReferralEntity)
      .createQueryBuilder('r')
      .where(...inRegionSubtree('r.region_code', regionCode)),
  );
}
