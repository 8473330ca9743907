import type { DataSource } from 'typeorm';
import { decodeCursor, pageSize, requireRegionCode, toConnection } from '@jianguan/platform';
import { publicEntriesOf, type PublicEntryNode } from './public-entries';
import { regionNamesFor } from './region-names';

export interface TypicalCaseNode {
  id: string;
  title: string;
  summary: string;
  regionCode: string;
  regionName: string;
  publishedAt: Date;
  institution: PublicEntryNode | null;
}

interface CaseRow {
  case_id: string;
  institution_id: string | null;
  region_code: string;
  title: string;
  summary: string;
  published_at: Date;
}

/** Published typical cases of a region's subtree, newest first. */
export async function listTypicalCases(
  dataSource: DataSource,
  args: { regionCode?: string | null; first?: number | null; after?: string | null },
) {
  const size = pageSize(args.first);
  const region = args.regionCode ? requireRegionCode('regionCode', args.regionCode) : '';
  const cursor = decodeCursor(args.after, ['instant', 'id']);
  const params: unknown[] = [`${region}%`, size + 1];
  let keyset = '';
  if (cursor) {
    params.push(cursor[0], cursor[1]);
    keyset = `AND (published_at, case_id) < ($3::timestamptz, $4::uuid)`;
  }
  // The page and the total in one statement, so both come from one snapshot (a case published in
  // between cannot be counted without being listed).
  const [{ total, page }] = (await dataSource.query(
    `WITH scoped AS (
       SELECT case_id, institution_id, region_code, title, summary, published_at
         FROM public_list.typical_case WHERE region_code LIKE $1
     ), page AS (
       SELECT * FROM scoped WHERE true ${keyset} ORDER BY published_at DESC, case_id DESC LIMIT $2
     )
     SELECT (SELECT count(*)::int FROM scoped) AS total,
            (SELECT coalesce(json_agg(page ORDER BY published_at DESC, case_id DESC), '[]'::json) FROM page) AS page`,
    params,
  )) as { total: number; page: (Omit<CaseRow, 'published_at'> & { published_at: string })[] }[];
  const rows: CaseRow[] = page.map((row) => ({ ...row, published_at: new Date(row.published_at) }));
  const names = await regionNamesFor(
    dataSource,
    rows.map((r) => r.region_code),
  );
  const linked = rows.filter((r) => r.institution_id).map((r) => r.institution_id!);
  const entries = linked.length ? await publicEntriesOf(dataSource, linked) : [];
  const entryOf = new Map(linked.map((id, i) => [id, entries[i]]));
  const nodes: TypicalCaseNode[] = rows.map((r, i) => ({
    id: r.case_id,
    title: r.title,
    summary: r.summary,
    regionCode: r.region_code,
    regionName: names[i],
    publishedAt: r.published_at,
    institution: r.institution_id ? (entryOf.get(r.institution_id) ?? null) : null,
  }));
  return toConnection(
    nodes,
    size,
    (c) => [c.publishedAt.toISOString(), c.id],
    !!cursor,
    async () => total,
  );
}
