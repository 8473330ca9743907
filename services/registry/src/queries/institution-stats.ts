import type { DataSource } from 'typeorm';

export interface InstitutionStats {
  total: number;
  byCertificateStatus: { complete: number; incomplete: number; none: number };
  byStatus: { active: number; rectifying: number; suspended: number; banned: number; closed: number };
  offline: number;
  online: number;
  notOnNationalPlatform: number;
}

/** Counts for a region and everything below it, in one aggregate over the prefix index. */
export async function institutionStats(dataSource: DataSource, regionCode: string): Promise<InstitutionStats> {
  const [row] = await dataSource.query(
    `SELECT count(*)::int AS total,
            count(*) FILTER (WHERE certificate_status = 'COMPLETE')::int AS complete,
            count(*) FILTER (WHERE certificate_status = 'INCOMPLETE')::int AS incomplete,
            count(*) FILTER (WHERE certificate_status = 'NONE')::int AS none,
            count(*) FILTER (WHERE status = 'ACTIVE')::int AS active,
            count(*) FILTER (WHERE status = 'RECTIFYING')::int AS rectifying,
            count(*) FILTER (WHERE status = 'SUSPENDED')::int AS suspended,
            count(*) FILTER (WHERE status = 'BANNED')::int AS banned,
            count(*) FILTER (WHERE status = 'CLOSED')::int AS closed,
            count(*) FILTER (WHERE kind = 'OFFLINE')::int AS offline,
            count(*) FILTER (WHERE kind = 'ONLINE')::int AS online,
            count(*) FILTER (WHERE NOT on_national_platform)::int AS not_on_platform
       FROM registry.institution
      WHERE region_code LIKE $1`,
    [`${regionCode}%`],
  );
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
}
