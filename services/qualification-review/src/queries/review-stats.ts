import type { DataSource } from 'typeorm';
import { regionSubtreeJoin, statsPerRegion } from '@jianguan/platform';
import { OVERDUE_SQL } from './review-queue';

export interface ReviewStats {
  submitted: number;
  inReview: number;
  approved: number;
  rejected: number;
  withdrawn: number;
  overdue: number;
  medianDaysToDecision: number | null;
}

/** Counts for several regions, each with its whole subtree, in one statement (DataLoader batches). */
export async function reviewStatsFor(
  dataSource: DataSource,
  codes: readonly string[],
): Promise<ReviewStats[]> {
  return statsPerRegion(
    dataSource,
    codes,
    `SELECT r.code,
            count(a.id)::int AS submitted,
            count(a.id) FILTER (WHERE a.status IN ('UNDER_REVIEW','MATERIALS_REQUESTED'))::int AS in_review,
            count(a.id) FILTER (WHERE a.status = 'APPROVED')::int AS approved,
            count(a.id) FILTER (WHERE a.status = 'REJECTED')::int AS rejected,
            count(a.id) FILTER (WHERE a.status = 'WITHDRAWN')::int AS withdrawn,
            count(a.id) FILTER (WHERE ${OVERDUE_SQL('a')})::int AS overdue,
            percentile_cont(0.5) WITHIN GROUP (
              ORDER BY extract(epoch FROM a.decided_at - a.submitted_at) / 86400
            ) FILTER (WHERE a.decided_at IS NOT NULL) AS median_days
       FROM unnest($1::text[]) AS r(code)
       LEFT JOIN qualification_review.application a
              ON ${regionSubtreeJoin('a.region_code', 'r.code')}
      GROUP BY r.code`,
    (found: Record<string, number | string | null> & { code: string }) => {
      const row = found!;
      return {
        submitted: Number(row.submitted),
        inReview: Number(row.in_review),
        approved: Number(row.approved),
        rejected: Number(row.rejected),
        withdrawn: Number(row.withdrawn),
        overdue: Number(row.overdue),
        medianDaysToDecision: row.median_days === null ? null : Number(row.median_days),
      };
    },
  );
}
