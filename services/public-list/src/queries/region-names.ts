import type { DataSource } from 'typeorm';
import { ancestorCodes } from '../domain/region-names';

/** Placeholder rows of the division data that name no place. */
const NO_PLACE = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

/** Full names ("青海省西宁市城东区") of region codes, from the seeded table, in one query. */
export async function regionNamesFor(dataSource: DataSource, codes: readonly string[]): Promise<string[]> {
  const wanted = [...new Set(codes.flatMap(ancestorCodes))];
  const rows = (await dataSource.query(`SELECT code, name FROM public_list.region WHERE code = ANY($1)`, [
    wanted,
  ])) as { code: string; name: string }[];
  const byCode = new Map(rows.map((r) => [r.code, r.name]));
  return codes.map((code) =>
    ancestorCodes(code)
      .reverse()
      .map((c) => byCode.get(c))
      .filter((name): name is string => !!name && !NO_PLACE.has(name))
      .join(''),
  );
}
