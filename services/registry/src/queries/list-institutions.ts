import type { DataSource } from 'typeorm';
import { decodeCursor, pageSize, toConnection, type Viewer } from '@jianguan/platform';
import { InstitutionEntity } from '../entities/institution.entity';

export interface InstitutionFilter {
  regionCode?: string | null;
  status?: string | null;
  certificateStatus?: string | null;
  kind?: string | null;
  category?: string | null;
  nameContains?: string | null;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * One page of institutions in the caller's jurisdiction, ordered by name, with keyset paging:
 * one query for the page and, only when asked, one for the total.
 */
export function listInstitutions(
  dataSource: DataSource,
  viewer: Viewer,
  filter: InstitutionFilter = {},
  first?: number | null,
  after?: string | null,
) {
  const claims = viewer.requireUser();
  const size = pageSize(first);
  const cursor = decodeCursor(after, ['text', 'id']);
  const regionCode = filter.regionCode ?? claims.regionCode;
  viewer.requireRegion(regionCode);

  const base = () => {
    const query = dataSource
      .getRepository(InstitutionEntity)
      .createQueryBuilder('i')
      .where('i.region_code LIKE :prefix', { prefix: `${escapeLike(regionCode)}%` });
    // An institution's own users see their institution only.
    if (claims.institutionId) query.andWhere('i.id = :own', { own: claims.institutionId });
    if (filter.status) query.andWhere('i.status = :status', { status: filter.status });
    if (filter.certificateStatus)
      query.andWhere('i.certificate_status = :cs', { cs: filter.certificateStatus });
    if (filter.kind) query.andWhere('i.kind = :kind', { kind: filter.kind });
    if (filter.category) query.andWhere('i.category = :category', { category: filter.category });
    if (filter.nameContains) {
      query.andWhere('i.name ILIKE :name', { name: `%${escapeLike(filter.nameContains.trim())}%` });
    }
    return query;
  };

  const page = base();
  if (cursor) page.andWhere('(i.name, i.id) > (:name, :id)', { name: cursor[0], id: cursor[1] });
  return page
    .orderBy('i.name', 'ASC')
    .addOrderBy('i.id', 'ASC')
    .limit(size + 1)
    .getMany()
    .then((rows) =>
      toConnection(
        rows,
        size,
        (row) => [row.name, row.id],
        !!cursor,
        () => base().getCount(),
      ),
    );
}
