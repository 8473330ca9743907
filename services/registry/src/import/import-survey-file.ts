import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import {
  ImportRefused,
  isUniqueViolation,
  strictRecord,
  writeAudit,
  type Claims,
  type CsvRow,
  type RowProblem,
} from '@jianguan/platform';
import type { CertificateStatus } from '../entities/institution.entity';
import { surveyRow, toSurveyRow, type SurveyRow } from './survey-file';
import { problemsOf } from './row-problems';
import { institutionPlanner } from './survey-plan';
import { copyAudit, copyEvents, copyInstitutions, copyLicences, copySurveys } from './bulk-insert';

const S = 'registry';

export interface SurveyImportResult {
  importId: string;
  institutions: number;
  licences: number;
  surveys: number;
  byCertificateStatus: Record<CertificateStatus, number>;
  events: Record<string, number>;
  /** Milliseconds per step, to see where a large import spends its time. */
  timings: Record<string, number>;
}

export type SurveyImportProgress = (phase: 'validate' | 'load', done: number, total: number) => void;

export interface SurveyImportOptions {
  /** The clock: certificates are assessed with the rule set in force now, as the mutations do. */
  now?: Date;
  onProgress?: SurveyImportProgress;
}

interface CheckedRow {
  line: number;
  row: SurveyRow;
}

/** zod checks of every row, and duplicates inside the file (credit codes; licence type and number). */
function checkRows(rows: CsvRow[], now: Date, problems: RowProblem[], onProgress: SurveyImportProgress) {
  const schema = surveyRow(now);
  const checked: CheckedRow[] = [];
  const creditCodes = new Map<string, number>();
  const licenceNumbers = new Map<string, number>();
  rows.forEach(({ line, record: cells }, i) => {
    if ((i + 1) % 10_000 === 0 || i + 1 === rows.length) onProgress('validate', i + 1, rows.length);
    // The text rule every GraphQL input follows (platform text.ts), cell by cell, before the row's own.
    const { record, problems: refused } = strictRecord(cells);
    if (refused.length) {
      problems.push(...refused.map((problem) => ({ line, ...problem })));
      return;
    }
    const result = schema.safeParse(toSurveyRow(record));
    if (!result.success) {
      problems.push(...problemsOf(line, result.error));
      return;
    }
    const row = result.data;
    const first = creditCodes.get(row.creditCode);
    if (first !== undefined) {
      problems.push({
        line,
        column: 'creditCode',
        message: `creditCode ${row.creditCode} is already on line ${first}`,
      });
    } else creditCodes.set(row.creditCode, line);
    row.licences.forEach((licence, n) => {
      const key = `${licence.type}:${licence.number}`;
      const earlier = licenceNumbers.get(key);
      if (earlier !== undefined) {
        problems.push({
          line,
          column: 'licences',
          message: `licence ${n + 1}: ${licence.type} ${licence.number} is already on line ${earlier}`,
        });
      } else licenceNumbers.set(key, line);
    });
    if (row.survey && !row.survey.gridCode.startsWith(row.regionCode.slice(0, 6))) {
      problems.push({
        line,
        column: 'gridCode',
        message: "gridCode must lie within the institution's county",
      });
    }
    checked.push({ line, row });
  });
  return checked;
}

/** Checks against the registry: known division codes, credit codes and licence numbers not yet taken. */
async function checkAgainstRegistry(manager: EntityManager, checked: CheckedRow[], problems: RowProblem[]) {
  const codes = new Set<string>();
  for (const { row } of checked) {
    codes.add(row.regionCode);
    if (row.survey) codes.add(row.survey.gridCode);
  }
  const known = new Set(
    (
      (await manager.query(`SELECT code FROM ${S}.region WHERE code = ANY($1::text[])`, [[...codes]])) as {
        code: string;
      }[]
    ).map((r) => r.code),
  );
  const taken = new Set(
    (
      (await manager.query(`SELECT credit_code FROM ${S}.institution WHERE credit_code = ANY($1::text[])`, [
        checked.map((c) => c.row.creditCode),
      ])) as { credit_code: string }[]
    ).map((r) => r.credit_code),
  );
  const licences = checked.flatMap((c) => c.row.licences);
  const recorded = new Set(
    (
      (await manager.query(
        `SELECT l.type, l.number FROM ${S}.licence l
           JOIN unnest($1::text[], $2::text[]) AS t(type, number) ON l.type = t.type AND l.number = t.number`,
        [licences.map((l) => l.type), licences.map((l) => l.number)],
      )) as { type: string; number: string }[]
    ).map((r) => `${r.type}:${r.number}`),
  );
  for (const { line, row } of checked) {
    if (!known.has(row.regionCode)) {
      problems.push({
        line,
        column: 'regionCode',
        message: `regionCode ${row.regionCode} is not a known division code`,
      });
    }
    if (row.survey && !known.has(row.survey.gridCode)) {
      problems.push({
        line,
        column: 'gridCode',
        message: `gridCode ${row.survey.gridCode} is not a known division code`,
      });
    }
    if (taken.has(row.creditCode)) {
      problems.push({
        line,
        column: 'creditCode',
        message: `an institution with credit code ${row.creditCode} is already registered`,
      });
    }
    row.licences.forEach((licence, n) => {
      if (recorded.has(`${licence.type}:${licence.number}`)) {
        problems.push({
          line,
          column: 'licences',
          message: `licence ${n + 1}: a ${licence.type} numbered ${licence.number} is already recorded`,
        });
      }
    });
  }
}

const byLine = (a: RowProblem, b: RowProblem) => a.line - b.line;

/**
 * Loads a grid-survey file into the registry, all or nothing. Every row is checked with the rules of
 * registerInstitution, recordLicence and recordSurvey; any problem refuses the file (ImportRefused,
 * every problem by line and column). Otherwise one transaction inserts the institutions, licences,
 * surveys, an audit line per institution (and one for the import) and the outbox events, set-based.
 */
export async function importSurveyFile(
  dataSource: DataSource,
  rows: CsvRow[],
  actor: Pick<Claims, 'sub' | 'name'>,
  options: SurveyImportOptions = {},
): Promise<SurveyImportResult> {
  const now = options.now ?? new Date();
  const onProgress = options.onProgress ?? (() => {});
  const problems: RowProblem[] = [];
  const timings: Record<string, number> = {};
  let lapStart = Date.now();
  const lap = (step: string) => {
    timings[step] = Date.now() - lapStart;
    lapStart = Date.now();
  };
  if (rows.length === 0)
    throw new ImportRefused([{ line: 1, column: null, message: 'the file has no rows' }]);
  const checked = checkRows(rows, now, problems, onProgress);
  lap('validateRows');
  try {
    return await dataSource.transaction(async (manager) => {
      await checkAgainstRegistry(manager, checked, problems);
      lap('checkAgainstRegistry');
      if (problems.length) throw new ImportRefused(problems.sort(byLine));

      const plan = institutionPlanner(now);
      const planned = checked.map(({ row }) => plan(row));
      const licenceCount = planned.reduce((n, p) => n + p.row.licences.length, 0);
      const surveyCount = planned.filter((p) => p.row.survey).length;
      const eventCount = planned.length + planned.filter((p) => p.row.survey || p.row.licences.length).length;
      const total = planned.length * 2 + licenceCount + surveyCount + eventCount;
      let loaded = 0;
      const progress = (n: number) => onProgress('load', (loaded += n), total);
      const importId = randomUUID();
      lap('assess');

      // The audit lines carry registered_at / recorded_at as to_jsonb writes them, in UTC.
      await manager.query(`SET LOCAL TimeZone = 'UTC'`);
      const [{ now: stamp }] = (await manager.query(`SELECT to_jsonb(now()) #>> '{}' AS now`)) as {
        now: string;
      }[];
      await copyInstitutions(manager, planned, progress);
      lap('insertInstitutions');
      await copyLicences(manager, planned, progress);
      lap('insertLicences');
      await copySurveys(manager, planned, actor, progress);
      lap('insertSurveys');
      await copyAudit(manager, planned, actor, importId, { now: stamp }, progress);
      lap('insertAudit');
      const events = await copyEvents(manager, planned, now, progress);
      lap('insertEvents');
      const result: SurveyImportResult = {
        importId,
        institutions: planned.length,
        licences: licenceCount,
        surveys: surveyCount,
        byCertificateStatus: countByCertificateStatus(planned),
        events,
        timings,
      };
      await writeAudit(manager, {
        actor,
        action: 'importSurveyFile',
        entityType: 'SurveyImport',
        entityId: importId,
        before: null,
        after: result,
        requestId: importId,
      });
      return result;
    });
  } catch (error) {
    throw refusedWhenRegisteredMeanwhile(error);
  }
}

/** How many of the planned institutions have each certificate status. */
function countByCertificateStatus(planned: { certificateStatus: 'COMPLETE' | 'INCOMPLETE' | 'NONE' }[]) {
  const counts = { COMPLETE: 0, INCOMPLETE: 0, NONE: 0 };
  for (const p of planned) counts[p.certificateStatus] += 1;
  return counts;
}

/** Someone registered one of the institutions (or licences) while the file was loading: import again. */
function refusedWhenRegisteredMeanwhile(error: unknown): unknown {
  if (!isUniqueViolation(error)) return error;
  return new ImportRefused([
    {
      line: 1,
      column: null,
      message: 'a credit code or licence of the file was registered meanwhile; import again',
    },
  ]);
}
