import type { z } from 'zod';
import { ImportRefused, strictRecord, type RowProblem } from '@jianguan/platform';
import type { BusinessInfo, PlatformInfo } from '../domain/types';
import type { CourseInput, PersonInput } from '../commands/inputs';
import {
  courseRow,
  institutionRow,
  personRow,
  platformRow,
  toCourseRow,
  toInstitutionRow,
  toPersonRow,
  toPlatformRow,
} from './rows';
import { SHEETS, type SheetName, type Sheets } from './sheets';

export type ImportProgress = (phase: 'validate' | 'load', done: number, total: number) => void;

export interface FilingDraft {
  line: number;
  institutionId: string | null;
  creditCode: string;
  regionCode: string;
  institutionInfo: z.infer<typeof institutionRow>['institutionInfo'];
  business: Omit<BusinessInfo, 'platforms'>;
  platforms: PlatformInfo[];
  submittedAt: Date;
  commitments: { code: string; text: string }[];
  personnel: PersonInput[];
  courses: CourseInput[];
}

/**
 * Every row of every sheet checked, and the filings they make, by credit code: the institutions sheet
 * makes one filing per line, and the platforms, personnel and courses sheets add to the filing of
 * their credit code. Any problem refuses the whole file, named by sheet and line.
 */
export function filingDraftsOf(given: Sheets, onProgress: ImportProgress): Map<string, FilingDraft> {
  const problems: RowProblem[] = [];
  const sheets = strictSheets(given, problems);
  const check = rowChecker(problems, sheets, onProgress);
  const filings = new Map<string, FilingDraft>();
  for (const { line, record } of sheets.institutions) {
    const row = check('institutions', line, institutionRow, toInstitutionRow(record));
    if (!row) continue;
    if (filings.has(row.creditCode)) {
      problems.push({
        sheet: 'institutions',
        line,
        column: 'creditCode',
        message: `creditCode ${row.creditCode} is listed twice`,
      });
      continue;
    }
    filings.set(row.creditCode, draftOf(line, row));
  }
  const owner = (sheet: SheetName, line: number, code: string) => {
    const filing = filings.get(code);
    if (!filing) {
      problems.push({
        sheet,
        line,
        column: 'creditCode',
        message: `creditCode ${code} is not in the institutions sheet`,
      });
    }
    return filing;
  };
  for (const { line, record } of sheets.platforms) {
    const row = check('platforms', line, platformRow, toPlatformRow(record));
    if (!row) continue;
    const { creditCode, ...platform } = row;
    owner('platforms', line, creditCode)?.platforms.push(platform);
  }
  for (const { line, record } of sheets.personnel) {
    const row = check('personnel', line, personRow, toPersonRow(record));
    if (row) owner('personnel', line, row.creditCode)?.personnel.push(row.person);
  }
  for (const { line, record } of sheets.courses) {
    const row = check('courses', line, courseRow, toCourseRow(record));
    if (row) owner('courses', line, row.creditCode)?.courses.push(row.course);
  }
  if (problems.length) throw new ImportRefused(problems);
  return filings;
}

/** A filing as its institutions-sheet line starts it; the other sheets add its parts. */
function draftOf(line: number, row: z.infer<typeof institutionRow>): FilingDraft {
  return {
    line,
    institutionId: row.institutionId,
    creditCode: row.creditCode,
    regionCode: row.regionCode,
    institutionInfo: row.institutionInfo,
    business: {
      telecomLicence: row.telecomLicence,
      complaintLink: row.complaintLink,
      userAgreement: row.userAgreement,
    },
    platforms: [],
    submittedAt: row.submittedAt,
    commitments: row.commitments,
    personnel: [],
    courses: [],
  };
}

/**
 * Parses a row with its sheet's schema, recording at most three problems of a row, and reports the
 * validation's progress every 5000 rows.
 */
function rowChecker(problems: RowProblem[], sheets: Sheets, onProgress: ImportProgress) {
  const total = SHEETS.reduce((n, s) => n + sheets[s].length, 0);
  let done = 0;
  return <T extends z.ZodType>(sheet: SheetName, line: number, schema: T, value: unknown) => {
    done += 1;
    if (done % 5000 === 0 || done === total) onProgress('validate', done, total);
    const result = schema.safeParse(value);
    if (result.success) return result.data as z.infer<T>;
    for (const issue of result.error.issues.slice(0, 3)) {
      const column = issue.path.length ? String(issue.path[issue.path.length - 1]) : null;
      problems.push({ sheet, line, column, message: `${column ?? 'row'} ${issue.message}` });
    }
    return undefined;
  };
}

/**
 * Every cell under the text rule every GraphQL input follows (platform `strictRecord`: no control
 * characters, bounded length, names and codes in NFKC), before the rows' own checks see them.
 */
function strictSheets(sheets: Sheets, problems: RowProblem[]): Sheets {
  const checked = {} as Sheets;
  for (const sheet of SHEETS) {
    checked[sheet] = sheets[sheet].map(({ line, record }) => {
      const strict = strictRecord(record);
      for (const problem of strict.problems) problems.push({ sheet, line, ...problem });
      return { line, record: strict.record };
    });
  }
  return checked;
}
