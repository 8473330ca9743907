import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { useServiceDatabase } from '@jianguan/testing';
import { createFilingDataSource } from '../src/data-source';
import { migrateOnlineCourseFiling } from '../src/migrate';
import { ImportRefused } from '@jianguan/platform';
import { importFilings } from '../src/import/import-filings';
import { generateNationalDataSet, NATIONAL_2019 } from '@jianguan/tools';
import { readCsvDirectory, writeCsvDirectory } from '../src/import/sheets';
import { readWorkbook, writeWorkbook } from '../src/import/xlsx';
import { filingStatsFor } from '../src/queries/filing-stats';

const service = useServiceDatabase({ migrate: migrateOnlineCourseFiling });
let dataSource: DataSource;
let dir: string;
const actor = { sub: 'import-test', name: '导入测试' };

beforeAll(async () => {
  dataSource = await service.openDataSource(createFilingDataSource(service.db.url, { poolSize: 2 }));
  dir = await mkdtemp(path.join(tmpdir(), 'filing-import-'));
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** What importing `sheets` throws (undefined when the import is accepted), for the test to inspect. */
async function importRefusal(sheets: Parameters<typeof importFilings>[1]): Promise<unknown> {
  try {
    await importFilings(dataSource, sheets, actor);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('importing filings at national scale', () => {
  it('refuses a file with one bad personnel row whole, naming the sheet and line, then loads the national set exactly', async () => {
    await writeCsvDirectory(dir, generateNationalDataSet());
    const sheets = await readCsvDirectory(dir);
    expect(sheets.institutions).toHaveLength(NATIONAL_2019.institutions);
    expect(sheets.personnel).toHaveLength(NATIONAL_2019.personnel);
    expect(sheets.courses).toHaveLength(NATIONAL_2019.courses);

    // One ID number with a wrong check digit, deep in the personnel sheet.
    const bad = sheets.personnel[77_776];
    const good = bad.record.idNumber;
    const wrongDigit = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    bad.record = { ...bad.record, idNumber: wrongDigit };
    const refusal = await importRefusal(sheets);
    expect(refusal).toBeInstanceOf(ImportRefused);
    const problems = (refusal as ImportRefused).problems;
    expect(problems).toEqual([
      { sheet: 'personnel', line: bad.line, column: 'idNumber', message: 'idNumber has a wrong check digit' },
    ]);
    expect(bad.line).toBe(77_778); // header is line 1
    expect((refusal as Error).message).toContain(`personnel line ${bad.line}`);
    expect((refusal as Error).message).not.toContain(wrongDigit);
    const [nothing] = await filingStatsFor(dataSource, ['']);
    expect(nothing).toMatchObject({ institutionsFiled: 0, personnel: 0, courses: 0 });

    bad.record = { ...bad.record, idNumber: good };
    const started = Date.now();
    const result = await importFilings(dataSource, sheets, actor);
    const seconds = (Date.now() - started) / 1000;
    expect(result).toMatchObject({
      filings: 718,
      institutionsCreated: 718,
      personnel: 115_622,
      courses: 3_463,
    });
    const [country] = await filingStatsFor(dataSource, ['']);
    expect(country).toMatchObject({ institutionsFiled: 718, personnel: 115_622, courses: 3_463 });
    expect(country.byStatus.submitted).toBe(718);
    expect(seconds).toBeLessThan(60);

    // A second import of the same institutions is refused: they already have filings.
    await expect(importFilings(dataSource, sheets, actor)).rejects.toThrow(/already has a filing/);
    const [again] = await filingStatsFor(dataSource, ['']);
    expect(again.personnel).toBe(115_622);
  });
});

describe('importing an XLSX workbook with one sheet per part', () => {
  it('reads the parts by sheet name and names a bad row by sheet and row number', async () => {
    const data = generateNationalDataSet({ institutions: 5, personnel: 50, courses: 12 });
    const good = String(data.personnel[20].idNumber);
    data.personnel[20] = {
      ...data.personnel[20],
      idNumber: good.slice(0, 17) + (good[17] === '0' ? '1' : '0'),
    };
    const file = path.join(dir, 'filing.xlsx');
    await writeWorkbook(file, data);
    const sheets = await readWorkbook(file);
    expect(sheets.institutions).toHaveLength(5);
    expect(sheets.personnel).toHaveLength(50);
    expect(sheets.courses).toHaveLength(12);
    await expect(importFilings(dataSource, sheets, actor)).rejects.toMatchObject({
      problems: [
        { sheet: 'personnel', line: 22, column: 'idNumber', message: 'idNumber has a wrong check digit' },
      ],
    });
  });
});

describe('the text rule of every input holds for imported cells too', () => {
  it('refuses a NUL in a person name and a control character in a course title, naming sheet, line and column', async () => {
    const data = generateNationalDataSet({ institutions: 3, personnel: 12, courses: 6 });
    data.personnel[4] = { ...data.personnel[4], name: '张\u0000老师' };
    data.courses[2] = { ...data.courses[2], title: '数学\u001b提高班' };
    const sub = path.join(dir, 'control-characters');
    await writeCsvDirectory(sub, data);
    const sheets = await readCsvDirectory(sub);
    const [before] = await filingStatsFor(dataSource, ['']);
    const refusal = await importRefusal(sheets);
    expect(refusal).toBeInstanceOf(ImportRefused);
    expect((refusal as ImportRefused).problems).toEqual([
      { sheet: 'personnel', line: 6, column: 'name', message: expect.stringMatching(/^name 含有控制字符/) },
      { sheet: 'courses', line: 4, column: 'title', message: expect.stringMatching(/^title 含有控制字符/) },
    ]);
    const [after] = await filingStatsFor(dataSource, ['']);
    expect(after).toEqual(before); // nothing loaded
  });
});
