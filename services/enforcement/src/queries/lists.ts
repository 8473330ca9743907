import type { DataSource } from 'typeorm';
import { badInput, decodeCursor, pageSize, requireUuid, toConnection, type Viewer } from '@jianguan/platform';
import { RectificationOrderEntity } from '../entities/rectification-order.entity';
import { DisciplineReferralEntity } from '../entities/discipline-referral.entity';
import { ORDER_STATUSES, type OrderStatus } from '../orders/order';

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export interface OrderListArgs {
  filter?: { regionCode?: string | null; status?: OrderStatus | null; institutionId?: string | null } | null;
  first?: number | null;
  after?: string | null;
}

/** Orders of the caller's jurisdiction, newest first, with keyset paging. */
export function rectificationOrders(dataSource: DataSource, viewer: Viewer, args: OrderListArgs) {
  const filter = args.filter ?? {};
  const regionCode = viewer.requireListRegion('enforcement.list', filter.regionCode);
  const size = pageSize(args.first);
  const cursor = decodeCursor(args.after, ['instant', 'id']);
  if (filter.status && !ORDER_STATUSES.includes(filter.status)) throw badInput('status', 'unknown status');
  if (filter.institutionId) requireUuid('institutionId', filter.institutionId);
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
  const regionCode = viewer.requireListRegion('discipline.list', args.regionCode);
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
