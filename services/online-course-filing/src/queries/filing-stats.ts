import type { DataSource } from 'typeorm';
import { regionSubtreeJoin, statsPerRegion } from '@jianguan/platform';

export interface FilingStats {
  institutionsFiled: number;
  personnel: number;
  courses: number;
  filingsWithProblems: number;
  byStatus: {
    draft: number;
    submitted: number;
    screening: number;
    rectificationRequired: number;
    filed: number;
    rejected: number;
  };
}

/**
 * Counts for several regions, each with its whole subtree, in one statement (DataLoader batches).
 * The empty code stands for the whole country.
 */
export async function filingStatsFor(
  dataSource: DataSource,
  codes: readonly string[],
): Promise<FilingStats[]> {
  return statsPerRegion(
    dataSource,
    codes,
    `WITH f AS (
       SELECT r.code, f.id, f.status, f.institution_id
         FROM unnest($1::text[]) AS r(code)
         JOIN online_course_filing.filing f
           ON ${regionSubtreeJoin('f.region_code', 'r.code')}
     )
     SELECT r.code,
            (SELECT count(DISTINCT institution_id) FROM f WHERE f.code = r.code AND f.status <> 'DRAFT')::int AS institutions,
            (SELECT count(*) FROM f JOIN online_course_filing.person p ON p.filing_id = f.id
              WHERE f.code = r.code AND f.status <> 'DRAFT')::int AS personnel,
            (SELECT count(*) FROM f JOIN online_course_filing.course c ON c.filing_id = f.id
              WHERE f.code = r.code AND f.status <> 'DRAFT')::int AS courses,
            (SELECT count(*) FILTER (WHERE status = 'DRAFT') FROM f WHERE f.code = r.code)::int AS draft,
            (SELECT count(*) FILTER (WHERE status = 'SUBMITTED') FROM f WHERE f.code = r.code)::int AS submitted,
            (SELECT count(*) FILTER (WHERE status = 'SCREENING') FROM f WHERE f.code = r.code)::int AS screening,
            (SELECT count(*) FILTER (WHERE status = 'RECTIFICATION_REQUIRED') FROM f WHERE f.code = r.code)::int AS rectification,
            (SELECT count(*) FILTER (WHERE status = 'FILED') FROM f WHERE f.code = r.code)::int AS filed,
            (SELECT count(*) FILTER (WHERE status = 'REJECTED') FROM f WHERE f.code = r.code)::int AS rejected
       FROM unnest($1::text[]) AS r(code)`,
    (row: Record<string, number | string> & { code: string }) => {
      const n = (key: string) => Number(row[key]);
      return {
        institutionsFiled: n('institutions'),
        personnel: n('personnel'),
        courses: n('courses'),
        filingsWithProblems: n('rectification'),
        byStatus: {
          draft: n('draft'),
          submitted: n('submitted'),
          screening: n('screening'),
          rectificationRequired: n('rectification'),
          filed: n('filed'),
          rejected: n('rejected'),
        },
      };
    },
  );
}
