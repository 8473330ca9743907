import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseCsv, toCsv as csvText, type CsvRow } from '@jianguan/platform';

/** The parts of a filing file, one sheet each (commitments are a column of the institutions sheet). */
export const SHEETS = ['institutions', 'platforms', 'personnel', 'courses'] as const;
export type SheetName = (typeof SHEETS)[number];

export type SheetRow = CsvRow;
export type Sheets = Record<SheetName, SheetRow[]>;
/** Sheets to write: rows by column name (a generated data set, say). */
export type SheetRecords = Record<SheetName, Record<string, string | number | null>[]>;

export const COLUMNS: Record<SheetName, string[]> = {
  institutions: [
    'institutionId',
    'creditCode',
    'name',
    'regionCode',
    'legalRepresentative',
    'address',
    'contactPhone',
    'telecomLicence',
    'complaintLink',
    'userAgreement',
    'submittedAt',
    'commitments',
  ],
  platforms: ['creditCode', 'kind', 'name', 'domain', 'icpNumber', 'storeIds', 'accountId'],
  personnel: ['creditCode', 'name', 'idNumber', 'role', 'subject', 'teacherCertificateNumber'],
  courses: [
    'creditCode',
    'title',
    'subject',
    'gradeFrom',
    'gradeTo',
    'lessonMinutes',
    'breakMinutes',
    'delivery',
    'schedule',
    'startTime',
    'endTime',
    'feePerLessonFen',
    'billingMode',
    'prepaidMonths',
    'prepaidLessons',
  ],
};

/** A directory with institutions.csv, platforms.csv, personnel.csv and courses.csv. */
export async function readCsvDirectory(dir: string): Promise<Sheets> {
  if (!(await stat(dir)).isDirectory()) throw new Error(`${dir} is not a directory of CSV sheets`);
  const files = new Set(await readdir(dir));
  const sheets = {} as Sheets;
  for (const sheet of SHEETS) {
    const file = `${sheet}.csv`;
    if (!files.has(file)) throw new Error(`${dir} has no ${file}`);
    sheets[sheet] = parseCsv(await readFile(path.join(dir, file), 'utf8'));
  }
  return sheets;
}

export const toCsv = (sheet: SheetName, records: Record<string, string | number | null>[]): string =>
  csvText(COLUMNS[sheet], records);

/** Writes the sheets as a directory of CSV files, as `readCsvDirectory` reads them. */
export async function writeCsvDirectory(dir: string, sheets: SheetRecords): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const sheet of SHEETS) await writeFile(path.join(dir, `${sheet}.csv`), toCsv(sheet, sheets[sheet]));
}
