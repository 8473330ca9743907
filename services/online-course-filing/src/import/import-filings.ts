import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { z } from 'zod';
import {
  ImportRefused,
  shanghaiDay,
  strictRecord,
  writeAudit,
  type Claims,
  type RowProblem,
} from '@jianguan/platform';
import { RuleSetEntity } from '../entities/rule-set.entity';
import { ruleSetInForce } from '../domain/screening';
import type { BusinessInfo, PlatformInfo } from '../domain/types';
import { insertCourses, insertPersonnel, type CourseRow, type PersonRow } from '../commands/bulk';
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

const S = 'online_course_filing';

export interface ImportResult {
  filings: number;
  institutionsCreated: number;
  personnel: number;
  courses: number;
  platforms: number;
}

export type ImportProgress = (phase: 'validate' | 'load', done: number, total: number) => void;

interface FilingDraft {
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
 * Loads historical filings (e.g. the national 2019 filing) from sheets, one per part. Every row of every
 * sheet is validated first; any problem refuses the whole file, named by sheet and line. Otherwise one
 * transaction creates the filings as SUBMITTED (against the rule set in force at their submission),
 * with bulk inserts, an audit line and a history row each.
 */
export async function importFilings(
  dataSource: DataSource,
  given: Sheets,
  actor: Pick<Claims, 'sub' | 'name'>,
  onProgress: ImportProgress = () => {},
): Promise<ImportResult> {
  const problems: RowProblem[] = [];
  const sheets = strictSheets(given, problems);
  const total = SHEETS.reduce((n, s) => n + sheets[s].length, 0);
  let done = 0;
  const tick = () => {
    done += 1;
    if (done % 5000 === 0 || done === total) onProgress('validate', done, total);
  };
  const check = <T extends z.ZodType>(sheet: SheetName, line: number, schema: T, value: unknown) => {
    tick();
    const result = schema.safeParse(value);
    if (result.success) return result.data as z.infer<T>;
    for (const issue of result.error.issues.slice(0, 3)) {
      const column = issue.path.length ? String(issue.path[issue.path.length - 1]) : null;
      problems.push({ sheet, line, column, message: `${column ?? 'row'} ${issue.message}` });
    }
    return undefined;
  };

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
    filings.set(row.creditCode, {
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
    });
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

  return dataSource.transaction(async (manager) => {
    const drafts = [...filings.values()];
    const sets = await manager.getRepository(RuleSetEntity).find({ order: { effectiveFrom: 'ASC' } });
    const institutions = await knownInstitutions(manager, drafts);
    for (const draft of drafts) {
      const known = institutions.get(draft.creditCode);
      const problem = !ruleSetInForce(sets, shanghaiDay(draft.submittedAt))
        ? { column: 'submittedAt', message: 'submittedAt is before the first screening rule set took effect' }
        : known?.kind && known.kind !== 'ONLINE'
          ? {
              column: 'creditCode',
              message: `the institution ${draft.creditCode} is registered as ${known.kind}, not ONLINE`,
            }
          : known?.hasFiling
            ? { column: 'creditCode', message: `the institution ${draft.creditCode} already has a filing` }
            : null;
      if (problem) problems.push({ sheet: 'institutions', line: draft.line, ...problem });
    }
    if (problems.length) throw new ImportRefused(problems);

    const newInstitutions = drafts.filter((d) => !institutions.has(d.creditCode));
    const institutionIds = new Map([...institutions].map(([code, known]) => [code, known.id]));
    for (const d of newInstitutions) institutionIds.set(d.creditCode, d.institutionId ?? randomUUID());
    if (newInstitutions.length) {
      await manager.query(
        `INSERT INTO ${S}.known_institution (id, name, credit_code, region_code, kind, source)
         SELECT id, name, code, region, 'ONLINE', 'IMPORT'
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS t(id, name, code, region)`,
        [
          newInstitutions.map((d) => institutionIds.get(d.creditCode)),
          newInstitutions.map((d) => d.institutionInfo.name),
          newInstitutions.map((d) => d.creditCode),
          newInstitutions.map((d) => d.regionCode),
        ],
      );
    }
    const filingIds = drafts.map(() => randomUUID());
    await manager.query(
      `INSERT INTO ${S}.filing (id, institution_id, region_code, status, institution_info, business_info,
              commitments, rule_set_version, submitted_at, submitted_by)
       SELECT id, inst, region, 'SUBMITTED', info, business, commitments, rules, at, $9
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::jsonb[], $5::jsonb[], $6::jsonb[], $7::text[],
                     $8::timestamptz[])
              AS t(id, inst, region, info, business, commitments, rules, at)`,
      [
        filingIds,
        drafts.map((d) => institutionIds.get(d.creditCode)),
        drafts.map((d) => d.regionCode),
        drafts.map((d) => JSON.stringify(d.institutionInfo)),
        drafts.map((d) => JSON.stringify({ platforms: d.platforms, ...d.business })),
        drafts.map((d) => JSON.stringify(d.commitments)),
        drafts.map((d) => ruleSetInForce(sets, shanghaiDay(d.submittedAt))!.version),
        drafts.map((d) => d.submittedAt.toISOString()),
        actor.sub,
      ],
    );
    await manager.query(
      `INSERT INTO ${S}.status_change (filing_id, from_status, to_status, actor_id, actor_name, reason)
       SELECT id, NULL, 'SUBMITTED', $2, $3, '导入' FROM unnest($1::uuid[]) AS t(id)`,
      [filingIds, actor.sub, actor.name],
    );
    const personnel: PersonRow[] = [];
    const courses: CourseRow[] = [];
    drafts.forEach((d, i) => {
      d.personnel.forEach((p, j) => personnel.push({ ...p, filingId: filingIds[i], line: j + 1 }));
      d.courses.forEach((c, j) => courses.push({ ...c, filingId: filingIds[i], line: j + 1 }));
    });
    const loadTotal = personnel.length + courses.length;
    let loaded = 0;
    const progress = (n: number) => onProgress('load', (loaded += n), loadTotal);
    await insertPersonnel(manager, personnel, progress);
    await insertCourses(manager, courses, progress);
    const result: ImportResult = {
      filings: drafts.length,
      institutionsCreated: newInstitutions.length,
      personnel: personnel.length,
      courses: courses.length,
      platforms: drafts.reduce((n, d) => n + d.platforms.length, 0),
    };
    await writeAudit(manager, {
      actor,
      action: 'importOnlineFilings',
      entityType: 'OnlineFilingImport',
      entityId: randomUUID(),
      before: null,
      after: { ...result, filingIds },
    });
    return result;
  });
}

/**
 * The institutions this service already knows, by the credit code of the sheet: by the registry id when
 * the sheet gives one, otherwise by credit code (a registry row before an earlier import's row).
 */
async function knownInstitutions(manager: EntityManager, drafts: FilingDraft[]) {
  const rows: {
    id: string;
    credit_code: string | null;
    kind: string | null;
    source: string;
    has_filing: boolean;
  }[] = await manager.query(
    `SELECT i.id, i.credit_code, i.kind, i.source,
            EXISTS (SELECT 1 FROM ${S}.filing f WHERE f.institution_id = i.id) AS has_filing
       FROM ${S}.known_institution i
      WHERE i.id = ANY($1::uuid[]) OR i.credit_code = ANY($2::text[])`,
    [drafts.flatMap((d) => (d.institutionId ? [d.institutionId] : [])), drafts.map((d) => d.creditCode)],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const known = new Map<string, { id: string; kind: string | null; hasFiling: boolean }>();
  for (const d of drafts) {
    const row = d.institutionId
      ? byId.get(d.institutionId)
      : rows
          .filter((r) => r.credit_code === d.creditCode)
          .sort((a, b) => a.source.localeCompare(b.source))[0];
    if (row) known.set(d.creditCode, { id: row.id, kind: row.kind, hasFiling: row.has_filing });
  }
  return known;
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
