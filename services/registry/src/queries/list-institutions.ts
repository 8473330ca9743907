import type { DataSource } from 'typeorm';
import {
  containsPattern,
  inRegionSubtree,
  keysetPaging,
  requireRegionCode,
  type Keyset,
  type Viewer,
} from '@jianguan/platform';
import { InstitutionEntity } from '../entities/institution.entity';

export interface InstitutionFilter {
  regionCode?: string | null;
  status?: string | null;
  certificateStatus?: string | null;
  kind?: string | null;
  category?: string | null;
  nameContains?: string | null;
}

const BY_NAME: Keyset<InstitutionEntity> = {
  direction: 'ASC',
  columns: [
    { column: 'i.name', part: 'text', of: (i) => i.name },
    { column: 'i.id', part: 'id', of: (i) => i.id },
  ],
};

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
  const paging = keysetPaging(BY_NAME, { first, after });
  const regionCode = filter.regionCode
    ? requireRegionCode('filter.regionCode', filter.regionCode)
    : claims.regionCode;
  viewer.requireRegion(regionCode);

  return paging.connection(() => {
    const query = dataSource
      .getRepository(InstitutionEntity)
      .createQueryBuilder('i')
      .where(...inRegionSubtree('i.region_code', regionCode));
    // An institution's own users see their institution only.
    if (claims.institutionId) query.andWhere('i.id = :own', { own: claims.institutionId });
    if (filter.status) query.andWhere('i.status = :status', { status: filter.status });
    if (filter.certificateStatus)
      query.andWhere('i.certificate_status = :cs', { cs: filter.certificateStatus });
    if (filter.kind) query.andWhere('i.kind = :kind', { kind: filter.kind });
    if (filter.category) query.andWhere('i.category = :category', { category: filter.category });
    if (filter.nameContains) {
      query.andWhere('i.name ILIKE :name', { name: containsPattern(filter.nameContains.trim()) });
    }
    return query;
  });
}
