import type { DataSource } from 'typeorm';
import { countsPerRegion } from '@jianguan/platform';

export interface InstitutionStats {
  total: number;
  byCertificateStatus: { complete: number; incomplete: number; none: number };
  byStatus: { active: number; rectifying: number; suspended: number; banned: number; closed: number };
  offline: number;
  online: number;
  notOnNationalPlatform: number;
}

/**
 * Counts for several regions, each with everything below it, in one aggregate over the prefix
 * index — a dashboard listing every county of a province costs one statement.
 */
export async function institutionStatsFor(
  dataSource: DataSource,
  codes: readonly string[],
): Promise<InstitutionStats[]> {
  const rows = await countsPerRegion(dataSource, codes, {
    rows: 'registry.institution i',
    regionColumn: 'i.region_code',
    countColumn: 'i.id',
    counts: {
      total: 'true',
      complete: `i.certificate_status = 'COMPLETE'`,
      incomplete: `i.certificate_status = 'INCOMPLETE'`,
      none: `i.certificate_status = 'NONE'`,
      active: `i.status = 'ACTIVE'`,
      rectifying: `i.status = 'RECTIFYING'`,
      suspended: `i.status = 'SUSPENDED'`,
      banned: `i.status = 'BANNED'`,
      closed: `i.status = 'CLOSED'`,
      offline: `i.kind = 'OFFLINE'`,
      online: `i.kind = 'ONLINE'`,
      notOnNationalPlatform: 'NOT i.on_national_platform',
    },
  });
  return rows.map((row) => ({
    total: row.total,
    byCertificateStatus: { complete: row.complete, incomplete: row.incomplete, none: row.none },
    byStatus: {
      active: row.active,
      rectifying: row.rectifying,
      suspended: row.suspended,
      banned: row.banned,
      closed: row.closed,
    },
    offline: row.offline,
    online: row.online,
    notOnNationalPlatform: row.notOnNationalPlatform,
  }));
}
