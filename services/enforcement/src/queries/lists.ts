import type { DataSource } from 'typeorm';
import {
  badInput,
  forbidden,
  inRegionSubtree,
  keysetPaging,
  type Keyset,
  type Viewer,
} from '@jianguan/platform';
import { RectificationOrderEntity } from '../entities/rectification-order.entity';
import { DisciplineReferralEntity } from '../entities/discipline-referral.entity';
import { ORDER_STATUSES, type OrderStatus } from '../domain/order';
import { DISCIPLINE_SCOPE, READ_SCOPE, WRITE_SCOPE } from '../commands/order-state';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function jurisdiction(viewer: Viewer, requested: string | null | undefined, ...scopes: string[]): string {
  const claims = viewer.requireScope(...scopes);
  if (claims.institutionId) throw forbidden('This list is for officials');
  const regionCode = requested ?? claims.regionCode;
  if (!/^\d{2,12}$/.test(regionCode)) throw badInput('regionCode', 'regionCode must be a division code');
  if (!viewer.covers(regionCode)) throw forbidden('Outside your jurisdiction');
  return regionCode;
}

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
  const regionCode = jurisdiction(viewer, filter.regionCode, READ_SCOPE, WRITE_SCOPE);
  const paging = keysetPaging(NEWEST_ORDERS_FIRST, args);
  if (filter.status && !ORDER_STATUSES.includes(filter.status)) throw badInput('status', 'unknown status');
  if (filter.institutionId && !UUID.test(filter.institutionId))
    throw badInput('institutionId', 'institutionId must be an ID');
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
  const regionCode = jurisdiction(viewer, args.regionCode, DISCIPLINE_SCOPE);
  const paging = keysetPaging(NEWEST_REFERRALS_FIRST, args);
  return paging.connection(() =>
    dataSource
      .getRepository(DisciplineReferralEntity)
      .createQueryBuilder('r')
      .where(...inRegionSubtree('r.region_code', regionCode)),
  );
}
