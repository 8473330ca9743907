import type { DataSource } from 'typeorm';

/** The length of the codes one level below a region: province 2 → city 4 → county 6 → street 9 → 12. */
export const childCodeLength = (code: string): number =>
  code.length === 2 ? 4 : code.length === 4 ? 6 : code.length === 6 ? 9 : 12;

/** A campaign's orders by sub-region, in one statement. */
export async function campaignProgress(dataSource: DataSource, campaignId: string, regionCode: string) {
  const rows: Record<string, string | number>[] = await dataSource.query(
    `SELECT left(region_code, $2) AS region_code,
            count(*)::int AS orders,
            count(*) FILTER (WHERE status = 'OPEN')::int AS open,
            count(*) FILTER (WHERE status = 'RECTIFIED')::int AS rectified,
            count(*) FILTER (WHERE status IN ('OVERDUE','ESCALATED'))::int AS overdue,
            count(*) FILTER (WHERE status = 'CLOSED')::int AS closed
       FROM enforcement.rectification_order
      WHERE campaign_id = $1
      GROUP BY 1 ORDER BY 1`,
    [campaignId, childCodeLength(regionCode)],
  );
  return rows.map((r) => ({
    regionCode: String(r.region_code),
    orders: Number(r.orders),
    open: Number(r.open),
    rectified: Number(r.rectified),
    overdue: Number(r.overdue),
    closed: Number(r.closed),
  }));
}
