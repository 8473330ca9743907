import type { DataSource } from 'typeorm';
import { badInput, decodeCursor, forbidden, pageSize, toConnection, type Viewer } from '@jianguan/platform';
import { RectificationOrderEntity } from '../entities/rectification-order.entity';
import { DisciplineReferralEntity } from '../entities/discipline-referral.entity';
import { ORDER_STATUSES, type OrderStatus } from '../orders/order';
import { DISCIPLINE_SCOPE, READ_SCOPE, WRITE_SCOPE } from '../command-deps';

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function jurisdiction(viewer: Viewer, requested: string | null | undefined, ...scopes: string[]): string {
  const claims = viewer.requireScope(...scopes);
  if (claims.institutionId) throw forbidden('This list is for officials');
  const regionCode = requested ?? claims.regionCode;
  if (!/^\d{2,12}$/.test(regionCode)) throw badInput('regionCode', 'regionCode must be a division code');
  if (!viewer.covers(regionCode)) throw forbidden('Outside your jurisdiction');
  return regionCode;
}

export interface OrderListArgs {
  filter?: { regionCode?: string | null; status?: OrderStatus | null; institutionId?: string | null } | null;
  first?: number | null;
  after?: string | null;
}

/** Orders of the caller's jurisdiction, newest first, with keyset paging. */
export function rectificationOrders(dataSource: DataSource, viewer: Viewer, args: OrderListArgs) {
  const filter = args.filter ?? {};
  const regionCode = jurisdiction(viewer, filter.regionCode, READ_SCOPE, WRITE_SCOPE);
  const size = pageSize(args.first);
  const cursor = decodeCursor(args.after, ['instant', 'id']);
  if (filter.status && !ORDER_STATUSES.includes(filter.status)) throw badInput('status', 'unknown status');
  if (filter.institutionId && !UUID.test(filter.institutionId))
    throw badInput('institutionId', 'institutionId must be an ID');
  const base = () => {
    const query = dataSource
      .getRepository(RectificationOrderEntity)
      .createQueryBuilder('o')
      .where('o.region_code LIKE :prefix', { prefix: `${escapeLike(regionCode)}%` });
    if (filter.status) query.andWhere('o.status = :status', { status: filter.status });
    if (filter.institutionId) query.andWhere('o.institution_id = :iid', { iid: filter.institutionId });
    return query;
  };
  const page = base();
  if (cursor) {
    page.andWhere('(o.issued_at, o.id) < (:at::timestamptz, :id::uuid)', { at: cursor[0], id: cursor[1] });
  }
  return page
    .orderBy('o.issued_at', 'DESC')
    .addOrderBy('o.id', 'DESC')
    .limit(size + 1)
    .getMany()
    .then((rows) =>
      toConnection(
        rows,
        size,
        (row) => [row.issuedAt.toISOString(), row.id],
        !!cursor,
        () => base().getCount(),
      ),
    );
}

/** Discipline referrals of the region and below, newest first; for discipline:read only. */
export function disciplineReferrals(
  dataSource: DataSource,
  viewer: Viewer,
  args: { regionCode?: string | null; first?: number | null; after?: string | null },
) {
  const regionCode = jurisdiction(viewer, args.regionCode, DISCIPLINE_SCOPE);
  const size = pageSize(args.first);
  const cursor = decodeCursor(args.after, ['instant', 'id']);
  const base = () =>
    dataSource
      .getRepository(DisciplineReferralEntity)
      .createQueryBuilder('r')
      .where('r.region_code LIKE :prefix', { prefix: `${escapeLike(regionCode)}%` });
  const page = base();
  if (cursor) {
    page.andWhere('(r.referred_at, r.id) < (:at::timestamptz, :id::uuid)', { at: cursor[0], id: cursor[1] });
  }
  return page
    .orderBy('r.referred_at', 'DESC')
    .addOrderBy('r.id', 'DESC')
    .limit(size + 1)
    .getMany()
    .then((rows) =>
      toConnection(
        rows,
        size,
        (row) => [row.referredAt.toISOString(), row.id],
        !!cursor,
        () => base().getCount(),
      ),
    );
}
