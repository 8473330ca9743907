import type { DataSource } from 'typeorm';
import { regionSubtreeJoin, statsPerRegion } from '@jianguan/platform';

export interface RectificationStats {
  open: number;
  rectified: number;
  overdue: number;
  escalatedByLevel: { county: number; city: number; province: number };
  referred: number;
  closed: number;
}

/** Counts for several regions, each with its whole subtree, in one statement (DataLoader batches). */
export async function rectificationStatsFor(
  dataSource: DataSource,
  codes: readonly string[],
): Promise<RectificationStats[]> {
  return statsPerRegion(
    dataSource,
    codes,
    `SELECT r.code,
            count(o.id) FILTER (WHERE o.status = 'OPEN')::int AS open,
            count(o.id) FILTER (WHERE o.status = 'RECTIFIED')::int AS rectified,
            count(o.id) FILTER (WHERE o.status IN ('OVERDUE','ESCALATED'))::int AS overdue,
            count(o.id) FILTER (WHERE o.status IN ('OVERDUE','ESCALATED') AND o.escalation_level = 'COUNTY')::int AS county,
            count(o.id) FILTER (WHERE o.status IN ('OVERDUE','ESCALATED') AND o.escalation_level = 'CITY')::int AS city,
            count(o.id) FILTER (WHERE o.status IN ('OVERDUE','ESCALATED') AND o.escalation_level = 'PROVINCE')::int AS province,
            count(o.id) FILTER (WHERE o.escalation_level = 'REFERRED')::int AS referred,
            count(o.id) FILTER (WHERE o.status = 'CLOSED')::int AS closed
       FROM unnest($1::text[]) AS r(code)
       LEFT JOIN enforcement.rectification_order o
              ON ${regionSubtreeJoin('o.region_code', 'r.code')}
      GROUP BY r.code`,
    (row: Record<string, number | string> & { code: string }) => ({
      open: Number(row.open),
      rectified: Number(row.rectified),
      overdue: Number(row.overdue),
      escalatedByLevel: {
        county: Number(row.county),
        city: Number(row.city),
        province: Number(row.province),
      },
      referred: Number(row.referred),
      closed: Number(row.closed),
    }),
  );
}
