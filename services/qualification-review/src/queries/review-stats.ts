import type { DataSource } from 'typeorm';
import { countsPerRegion } from '@jianguan/platform';
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
export function reviewStatsFor(dataSource: DataSource, codes: readonly string[]): Promise<ReviewStats[]> {
  return countsPerRegion(dataSource, codes, {
    rows: 'qualification_review.application a',
    regionColumn: 'a.region_code',
    countColumn: 'a.id',
    counts: {
      submitted: 'true',
      inReview: `a.status IN ('UNDER_REVIEW','MATERIALS_REQUESTED')`,
      approved: `a.status = 'APPROVED'`,
      rejected: `a.status = 'REJECTED'`,
      withdrawn: `a.status = 'WITHDRAWN'`,
      overdue: OVERDUE_SQL('a'),
    },
    aggregates: {
      medianDaysToDecision: `percentile_cont(0.5) WITHIN GROUP (
              ORDER BY extract(epoch FROM a.decided_at - a.submitted_at) / 86400
            ) FILTER (WHERE a.decided_at IS NOT NULL)`,
    },
  });
}
