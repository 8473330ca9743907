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
