import { readFile, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { parseCsv, toCsv, type CsvRow } from '@jianguan/platform';
import { LICENCE_TYPES } from '../entities/licence.entity';
import { registerInstitutionInput } from '../commands/inputs';

/**
 * The grid-survey file: UTF-8 CSV with a header row, one institution per row (docs/tour.md, "Importing a
 * grid survey"). Licences are one cell, `TYPE:NUMBER:ISSUED_BY:ISSUED_ON[:VALID_UNTIL]` joined by `|`
 * (dates YYYY-MM-DD). The survey cells (surveyedAt, gridCode, finding, notes) are empty together for
 * an institution that was registered but not surveyed.
 */
export const SURVEY_FILE_COLUMNS = [
  'name',
  'creditCode',
  'kind',
  'category',
  'regionCode',
  'address',
  'onNationalPlatform',
  'licences',
  'surveyedAt',
  'gridCode',
  'finding',
  'notes',
] as const;

/** Surveys may be entered a little after the fact, but never ahead of the clock (as recordSurvey). */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** YYYY-MM-DD names a day of the Gregorian calendar (arithmetic: it runs for every licence of a file). */
const isCalendarDate = (value: string) => {
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return (
    month >= 1 && month <= 12 && day >= 1 && day <= DAYS_IN_MONTH[month - 1] + (month === 2 && leap ? 1 : 0)
  );
};
const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine(isCalendarDate, 'is not a calendar date');
const text = (min: number, max: number) => z.string().trim().min(min).max(max);

/** A licence as recordLicence takes it, with its dates checked here rather than by the database. */
export const licenceCell = z
  .object({
    type: z.enum(LICENCE_TYPES),
    number: text(1, 100),
    issuedBy: text(2, 200),
    issuedOn: calendarDate,
    validUntil: calendarDate.nullable(),
  })
  .superRefine((licence, ctx) => {
    if (licence.validUntil !== null && licence.validUntil < licence.issuedOn) {
      ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'must not be before issuedOn' });
    }
  });
export type LicenceCell = z.infer<typeof licenceCell>;

const surveyCells = (now: Date) =>
  z.object({
    surveyedAt: z.iso
      .datetime({
        offset: true,
        message: 'must be a date-time with its offset, e.g. 2018-11-05T10:00:00+08:00',
      })
      .transform((s) => new Date(s))
      .refine((at) => at.getTime() <= now.getTime() + CLOCK_SKEW_MS, 'must not be in the future'),
    gridCode: z.string().regex(/^\d{6}(\d{3}(\d{3})?)?$/, 'must be a county, township or village code'),
    finding: z.enum(['OPERATING', 'CLOSED', 'NOT_FOUND']),
    notes: z
      .string()
      .trim()
      .max(2000)
      .nullable()
      .transform((v) => v || null),
  });

/** One row of the file: the registerInstitution input, its licences and the survey, if any. */
export const surveyRow = (now: Date) =>
  registerInstitutionInput.extend({
    onNationalPlatform: z.enum(['true', 'false'], 'must be true or false').transform((v) => v === 'true'),
    licences: z.array(licenceCell),
    survey: surveyCells(now).nullable(),
  });
export type SurveyRow = z.infer<ReturnType<typeof surveyRow>>;

const cell = (value: string | undefined): string | null => {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
};

/** `TYPE:NUMBER:ISSUED_BY:ISSUED_ON[:VALID_UNTIL]|…`; a part that is not 4 or 5 fields stays a string. */
function splitLicences(value: string | undefined): unknown[] {
  return (cell(value) ?? '')
    .split('|')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const fields = part.split(':').map((f) => f.trim());
      if (fields.length < 4 || fields.length > 5) return part;
      const [type, number, issuedBy, issuedOn, validUntil] = fields;
      return { type, number, issuedBy, issuedOn, validUntil: validUntil || null };
    });
}

/** The record of a CSV row in the shape `surveyRow` checks. */
export function toSurveyRow(record: Record<string, string>) {
  const survey = {
    surveyedAt: cell(record.surveyedAt),
    gridCode: cell(record.gridCode),
    finding: cell(record.finding),
    notes: cell(record.notes),
  };
  const surveyed = survey.surveyedAt !== null || survey.gridCode !== null || survey.finding !== null;
  return {
    name: record.name ?? '',
    creditCode: (record.creditCode ?? '').trim().toUpperCase(),
    kind: record.kind,
    category: record.category,
    regionCode: record.regionCode ?? '',
    address: record.address ?? '',
    onNationalPlatform: (cell(record.onNationalPlatform) ?? 'false').toLowerCase(),
    licences: splitLicences(record.licences),
    survey: surveyed ? survey : null,
  };
}

export const readSurveyFile = async (file: string): Promise<CsvRow[]> =>
  parseCsv(await readFile(file, 'utf8'));

/** A row of the file as written: every cell a string, licences joined as documented above. */
export interface SurveyFileRecord {
  name: string;
  creditCode: string;
  kind: string;
  category: string;
  regionCode: string;
  address: string;
  onNationalPlatform: boolean;
  licences: { type: string; number: string; issuedBy: string; issuedOn: string; validUntil: string | null }[];
  survey: { surveyedAt: string; gridCode: string; finding: string; notes: string | null } | null;
}

export const licencesCell = (licences: SurveyFileRecord['licences']) =>
  licences
    .map((l) => [l.type, l.number, l.issuedBy, l.issuedOn, ...(l.validUntil ? [l.validUntil] : [])].join(':'))
    .join('|');

export function surveyFileText(records: SurveyFileRecord[]): string {
  return toCsv(
    SURVEY_FILE_COLUMNS,
    records.map((r) => ({
      name: r.name,
      creditCode: r.creditCode,
      kind: r.kind,
      category: r.category,
      regionCode: r.regionCode,
      address: r.address,
      onNationalPlatform: String(r.onNationalPlatform),
      licences: licencesCell(r.licences),
      surveyedAt: r.survey?.surveyedAt ?? null,
      gridCode: r.survey?.gridCode ?? null,
      finding: r.survey?.finding ?? null,
      notes: r.survey?.notes ?? null,
    })),
  );
}

export const writeSurveyFile = (file: string, records: SurveyFileRecord[]) =>
  writeFile(file, surveyFileText(records));
