import type { DataSource } from 'typeorm';

/**
 * A region's subtree is every division code that starts with its code (a province `63` holds the
 * city `6301` and the county `630102`); the empty code stands for the whole country. Lists and
 * statistics filter on it in one of these ways, so the rule lives here once.
 */

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A LIKE pattern matching `text` anywhere, with LIKE's own characters in it taken literally. */
export const containsPattern = (text: string) => `%${escapeLike(text)}%`;

/**
 * A query builder condition keeping rows whose `column` lies in the subtree of `regionCode`:
 * `query.where(...inRegionSubtree('o.region_code', code))`.
 */
export function inRegionSubtree(column: string, regionCode: string): [string, { regionPrefix: string }] {
  return [`${column} LIKE :regionPrefix`, { regionPrefix: `${escapeLike(regionCode)}%` }];
}

/**
 * SQL joining rows to the region whose code is the SQL expression `code`: a prefix range (':' sorts
 * right after '9') so each region uses the column's text_pattern_ops index.
 */
export const regionSubtreeJoin = (column: string, code: string) =>
  `${column} ~>=~ ${code} AND ${column} ~<~ (${code} || ':')`;

/**
 * Statistics for several regions in one statement (a DataLoader's batch): `sql` gets the codes as
 * `$1` (a text array) and returns one row per code in a `code` column (`FROM unnest($1::text[]) AS
 * r(code) LEFT JOIN …`); `toStats` shapes each row. Results come in the codes' order.
 */
export async function statsPerRegion<Row extends { code: string }, Stats>(
  dataSource: DataSource,
  codes: readonly string[],
  sql: string,
  toStats: (row: Row) => Stats,
): Promise<Stats[]> {
  const rows = (await dataSource.query(sql, [[...codes]])) as Row[];
  const byCode = new Map(rows.map((row) => [row.code, row]));
  return codes.map((code) => {
    const row = byCode.get(code);
    if (!row) throw new Error(`the statistics statement gave no row for region ${code}`);
    return toStats(row);
  });
}

/** What countsPerRegion figures over a table of regional rows. */
export interface RegionFigures<C extends string, A extends string> {
  /** The schema-qualified table and its alias (`enforcement.rectification_order o`). */
  rows: string;
  /** Its region column and the column a row is counted by (`o.region_code`, `o.id`). */
  regionColumn: string;
  countColumn: string;
  /** Each count's SQL condition on a row (`o.status = 'OPEN'`; `true` for every row). */
  counts: Record<C, string>;
  /** Other aggregates over the region's rows, as SQL (a median, a distinct count); null stays null. */
  aggregates?: Record<A, string>;
}

/**
 * Figures for several regions, each over its whole subtree, in one statement (a DataLoader's batch):
 * the statistics of every subgraph count its rows by status (and by other conditions) this way.
 */
export function countsPerRegion<C extends string, A extends string = never>(
  dataSource: DataSource,
  codes: readonly string[],
  figures: RegionFigures<C, A>,
): Promise<(Record<C, number> & Record<A, number | null>)[]> {
  const counts = Object.entries<string>(figures.counts).map(
    ([name, condition]) => `count(${figures.countColumn}) FILTER (WHERE ${condition})::int AS "${name}"`,
  );
  const aggregates = Object.entries<string>(figures.aggregates ?? ({} as Record<A, string>)).map(
    ([name, sql]) => `${sql} AS "${name}"`,
  );
  return statsPerRegion(
    dataSource,
    codes,
    `SELECT r.code, ${[...counts, ...aggregates].join(', ')}
       FROM unnest($1::text[]) AS r(code)
       LEFT JOIN ${figures.rows} ON ${regionSubtreeJoin(figures.regionColumn, 'r.code')}
      GROUP BY r.code`,
    (row: Record<string, unknown> & { code: string }) => {
      const figure = (name: string) => (row[name] === null ? null : Number(row[name]));
      const named = Object.keys({ ...figures.counts, ...figures.aggregates }).map((name) => [
        name,
        figure(name),
      ]);
      return Object.fromEntries(named) as Record<C, number> & Record<A, number | null>;
    },
  );
}
