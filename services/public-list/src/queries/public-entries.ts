import type { DataSource } from 'typeorm';
import { badInput, decodeCursor, pageSize, requireRegionCode, toConnection } from '@jianguan/platform';
import type { PublicListName } from '../domain/listing-rules';
import { bigrams } from '../domain/name-index';
import { regionNamesFor } from './region-names';

/** A registered institution as the public sees it (api-types.ts builds nothing more from it). */
export interface PublicEntryNode {
  name: string;
  creditCode: string;
  kind: string | null;
  regionCode: string;
  regionName: string;
  /** null: not listed (closed, online filing pending, certificates being checked); `reason` says why. */
  list: PublicListName | null;
  listLabel: string;
  reason: string;
  reasonCode: string;
  since: Date;
}

interface PublicRow {
  name: string;
  credit_code: string;
  kind: string | null;
  region_code: string;
  list: PublicListName | null;
  reason: string;
  reason_code: string;
  since: Date;
}

/** The list as a person reads it. */
export const LIST_LABELS: Record<PublicListName | 'NONE', string> = {
  WHITE: '白名单',
  GREY: '灰名单',
  BLACK: '黑名单',
  NONE: '未列入名单',
};

/** Columns are chosen here, never `*`. */
const PUBLIC_COLUMNS = `name, credit_code, kind, region_code, list, reason, reason_code, since`;
/** Everything the registry told us about is found by lookup, listed or not (design §9.1). */
const REGISTERED_ROWS = `credit_code IS NOT NULL AND name IS NOT NULL`;
/** The lists themselves show listed institutions only. */
const PUBLIC_ROWS = `${REGISTERED_ROWS} AND list IS NOT NULL`;

export async function toPublicEntries(dataSource: DataSource, rows: PublicRow[]): Promise<PublicEntryNode[]> {
  const names = await regionNamesFor(
    dataSource,
    rows.map((r) => r.region_code),
  );
  return rows.map((r, i) => ({
    name: r.name,
    creditCode: r.credit_code,
    kind: r.kind,
    regionCode: r.region_code,
    regionName: names[i],
    list: r.list,
    listLabel: LIST_LABELS[r.list ?? 'NONE'],
    reason: r.reason,
    reasonCode: r.reason_code,
    since: r.since,
  }));
}

/** One list, optionally of a region's subtree, ordered by name (keyset pagination on name, credit code). */
export async function listPublicEntries(
  dataSource: DataSource,
  args: { list: PublicListName; regionCode?: string | null; first?: number | null; after?: string | null },
) {
  const size = pageSize(args.first);
  const region = args.regionCode ? requireRegionCode('regionCode', args.regionCode) : '';
  const cursor = decodeCursor(args.after, ['text', 'text']);
  const params: unknown[] = [args.list, `${region}%`, size + 1];
  let keyset = '';
  if (cursor) {
    params.push(cursor[0], cursor[1]);
    keyset = `AND (name, credit_code) > ($4, $5)`;
  }
  const rows = (await dataSource.query(
    `SELECT ${PUBLIC_COLUMNS} FROM public_list.listing
     WHERE ${PUBLIC_ROWS} AND list = $1 AND region_code LIKE $2 ${keyset}
     ORDER BY name, credit_code LIMIT $3`,
    params,
  )) as PublicRow[];
  const entries = await toPublicEntries(dataSource, rows);
  const total = (await dataSource.query(
    `SELECT count(*)::int AS n FROM public_list.listing WHERE ${PUBLIC_ROWS} AND list = $1 AND region_code LIKE $2`,
    [args.list, `${region}%`],
  )) as { n: number }[];
  return toConnection(
    entries,
    size,
    (e) => [e.name, e.creditCode],
    !!cursor,
    async () => total[0].n,
  );
}

export const LOOKUP_LIMIT = 20;
const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;
const PINYIN = /^[a-z]+$/;

/**
 * The public lookup: an exact credit code, pinyin (initials or full, as a prefix or, from 3 letters,
 * anywhere in the name), or a fragment of the name of at least 2 characters (bigram GIN index; the
 * trigram index serves longer LIKE searches too). Exact and prefix matches rank first. Institutions not
 * listed are found too, with `list: null` and why.
 */
export async function lookupPublicEntries(dataSource: DataSource, raw: string): Promise<PublicEntryNode[]> {
  const query = raw.normalize('NFKC').trim().replace(/\s+/g, '');
  if ([...query].length < 2) throw badInput('query', 'query must be at least 2 characters');
  if ([...query].length > 50) throw badInput('query', 'query must be at most 50 characters');
  let rows: PublicRow[];
  const upper = query.toUpperCase();
  if (CREDIT_CODE.test(upper)) {
    rows = (await dataSource.query(
      `SELECT ${PUBLIC_COLUMNS} FROM public_list.listing WHERE ${REGISTERED_ROWS} AND credit_code = $1`,
      [upper],
    )) as PublicRow[];
  } else if (PINYIN.test(query.toLowerCase())) {
    const q = query.toLowerCase();
    const anywhere =
      q.length >= 3 ? `OR name_initials LIKE '%' || $1 || '%' OR name_pinyin LIKE '%' || $1 || '%'` : '';
    rows = (await dataSource.query(
      `SELECT ${PUBLIC_COLUMNS} FROM public_list.listing
       WHERE ${REGISTERED_ROWS} AND (name_initials LIKE $1 || '%' OR name_pinyin LIKE $1 || '%' ${anywhere})
       ORDER BY (name_initials = $1 OR name_pinyin = $1) DESC,
                (name_initials LIKE $1 || '%' OR name_pinyin LIKE $1 || '%') DESC, name, credit_code
       LIMIT $2`,
      [q, LOOKUP_LIMIT],
    )) as PublicRow[];
  } else {
    rows = (await dataSource.query(
      `SELECT ${PUBLIC_COLUMNS} FROM public_list.listing
       WHERE ${REGISTERED_ROWS} AND name_bigrams @> $1::text[] AND strpos(name, $2) > 0
       ORDER BY (name = $2) DESC, (strpos(name, $2) = 1) DESC, name, credit_code
       LIMIT $3`,
      [bigrams(query), query, LOOKUP_LIMIT],
    )) as PublicRow[];
  }
  return toPublicEntries(dataSource, rows);
}

/** The public entry of one institution (typical cases), or null when it is not listed. */
export async function publicEntriesOf(
  dataSource: DataSource,
  institutionIds: readonly string[],
): Promise<(PublicEntryNode | null)[]> {
  const rows = (await dataSource.query(
    `SELECT institution_id, ${PUBLIC_COLUMNS} FROM public_list.listing
     WHERE ${PUBLIC_ROWS} AND institution_id = ANY($1::uuid[])`,
    [[...institutionIds]],
  )) as (PublicRow & { institution_id: string })[];
  const entries = await toPublicEntries(dataSource, rows);
  const byId = new Map(rows.map((r, i) => [r.institution_id, entries[i]]));
  return institutionIds.map((id) => byId.get(id) ?? null);
}
