import type { DataSource } from 'typeorm';
import { statsPerRegion } from '@jianguan/platform';

export interface ListStats {
  white: number;
  grey: number;
  black: number;
  lastChangedAt: Date | null;
}

/** White, grey and black counts for each region's subtree, in one statement for all the codes. */
export async function listStatsFor(dataSource: DataSource, codes: readonly string[]): Promise<ListStats[]> {
  return statsPerRegion(
    dataSource,
    codes,
    `SELECT c.code,
            count(*) FILTER (WHERE l.list = 'WHITE')::int AS white,
            count(*) FILTER (WHERE l.list = 'GREY')::int AS grey,
            count(*) FILTER (WHERE l.list = 'BLACK')::int AS black,
            (SELECT max(ch.occurred_at) FROM public_list.listing_change ch
              WHERE ch.region_code LIKE c.code || '%') AS last_changed_at
     FROM unnest($1::text[]) AS c(code)
     LEFT JOIN public_list.listing l ON l.region_code LIKE c.code || '%' AND l.list IS NOT NULL
     GROUP BY c.code`,
    (r: { code: string; white: number; grey: number; black: number; last_changed_at: Date | null }) => ({
      white: r.white,
      grey: r.grey,
      black: r.black,
      lastChangedAt: r.last_changed_at,
    }),
  );
}

/** When a list in the region's subtree last changed (the decision's time). */
export async function lastChangeIn(dataSource: DataSource, regionCode: string): Promise<Date | null> {
  const [row] = (await dataSource.query(
    `SELECT max(occurred_at) AS at FROM public_list.listing_change WHERE region_code LIKE $1`,
    [`${regionCode}%`],
  )) as { at: Date | null }[];
  return row?.at ?? null;
}
