import type { DataSource } from 'typeorm';
import { regionSubtreeJoin, statsPerRegion } from '@jianguan/platform';

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
  return statsPerRegion(
    dataSource,
    codes,
    `SELECT r.code,
            count(i.id)::int AS total,
            count(i.id) FILTER (WHERE i.certificate_status = 'COMPLETE')::int AS complete,
            count(i.id) FILTER (WHERE i.certificate_status = 'INCOMPLETE')::int AS incomplete,
            count(i.id) FILTER (WHERE i.certificate_status = 'NONE')::int AS none,
            count(i.id) FILTER (WHERE i.status = 'ACTIVE')::int AS active,
            count(i.id) FILTER (WHERE i.status = 'RECTIFYING')::int AS rectifying,
            count(i.id) FILTER (WHERE i.status = 'SUSPENDED')::int AS suspended,
            count(i.id) FILTER (WHERE i.status = 'BANNED')::int AS banned,
            count(i.id) FILTER (WHERE i.status = 'CLOSED')::int AS closed,
            count(i.id) FILTER (WHERE i.kind = 'OFFLINE')::int AS offline,
            count(i.id) FILTER (WHERE i.kind = 'ONLINE')::int AS online,
            count(i.id) FILTER (WHERE NOT i.on_national_platform)::int AS not_on_platform
       FROM unnest($1::text[]) AS r(code)
       LEFT JOIN registry.institution i ON ${regionSubtreeJoin('i.region_code', 'r.code')}
      GROUP BY r.code`,
    (found: Record<string, number> & { code: string }) => {
      const row = found!;
      return {
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
        notOnNationalPlatform: row.not_on_platform,
      };
    },
  );
}
