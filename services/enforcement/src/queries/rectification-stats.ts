import type { DataSource } from 'typeorm';
import { countsPerRegion } from '@jianguan/platform';

export interface RectificationStats {
  open: number;
  rectified: number;
  overdue: number;
  escalatedByLevel: { county: number; city: number; province: number };
  referred: number;
  closed: number;
}

const LATE = `o.status IN ('OVERDUE','ESCALATED')`;

/** Counts for several regions, each with its whole subtree, in one statement (DataLoader batches). */
export async function rectificationStatsFor(
  dataSource: DataSource,
  codes: readonly string[],
): Promise<RectificationStats[]> {
  const rows = await countsPerRegion(dataSource, codes, {
    rows: 'enforcement.rectification_order o',
    regionColumn: 'o.region_code',
    countColumn: 'o.id',
    counts: {
      open: `o.status = 'OPEN'`,
      rectified: `o.status = 'RECTIFIED'`,
      overdue: LATE,
      county: `${LATE} AND o.escalation_level = 'COUNTY'`,
      city: `${LATE} AND o.escalation_level = 'CITY'`,
      province: `${LATE} AND o.escalation_level = 'PROVINCE'`,
      referred: `o.escalation_level = 'REFERRED'`,
      closed: `o.status = 'CLOSED'`,
    },
  });
  return rows.map(({ county, city, province, ...counts }) => ({
    ...counts,
    escalatedByLevel: { county, city, province },
  }));
}
