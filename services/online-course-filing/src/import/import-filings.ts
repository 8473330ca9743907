import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { ImportRefused, shanghaiDay, writeAudit, type Claims, type RowProblem } from '@jianguan/platform';
import { RuleSetEntity } from '../entities/rule-set.entity';
import { ruleSetInForce } from '../domain/screening';
import { insertCourses, insertPersonnel, type CourseRow, type PersonRow } from '../commands/bulk';
import type { Sheets } from './sheets';
import { filingDraftsOf, type FilingDraft, type ImportProgress } from './filing-drafts';

export type { ImportProgress };

const S = 'online_course_filing';

export interface ImportResult {
  filings: number;
  institutionsCreated: number;
  personnel: number;
  courses: number;
  platforms: number;
}

type Actor = Pick<Claims, 'sub' | 'name'>;
type RuleSets = RuleSetEntity[];
type KnownInstitutions = Awaited<ReturnType<typeof knownInstitutions>>;

/**
 * Loads historical filings (e.g. the national 2019 filing) from sheets, one per part. Every row of every
 * sheet is validated first; any problem refuses the whole file, named by sheet and line. Otherwise one
 * transaction creates the filings as SUBMITTED (against the rule set in force at their submission),
 * with bulk inserts, an audit line and a history row each.
 */
export async function importFilings(
  dataSource: DataSource,
  given: Sheets,
  actor: Actor,
  onProgress: ImportProgress = () => {},
): Promise<ImportResult> {
  const drafts = [...filingDraftsOf(given, onProgress).values()];
  return dataSource.transaction(async (manager) => {
    const sets = await manager.getRepository(RuleSetEntity).find({ order: { effectiveFrom: 'ASC' } });
    const institutions = await knownInstitutions(manager, drafts);
    refuseWhatTheServiceKnowsOtherwise(drafts, sets, institutions);
    const { institutionIds, created } = await addNewInstitutions(manager, drafts, institutions);
    const filingIds = await insertSubmittedFilings(manager, drafts, sets, institutionIds, actor);
    const parts = await insertParts(manager, drafts, filingIds, onProgress);
    const result: ImportResult = {
      filings: drafts.length,
      institutionsCreated: created,
      ...parts,
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
 * Refuses the file when a filing was submitted before any screening rule set, or its institution is
 * known as offline or already has a filing.
 */
function refuseWhatTheServiceKnowsOtherwise(drafts: FilingDraft[], sets: RuleSets, known: KnownInstitutions) {
  const problems: RowProblem[] = [];
  for (const draft of drafts) {
    const institution = known.get(draft.creditCode);
    const problem = !ruleSetInForce(sets, shanghaiDay(draft.submittedAt))
      ? { column: 'submittedAt', message: 'submittedAt is before the first screening rule set took effect' }
      : institution?.kind && institution.kind !== 'ONLINE'
        ? {
            column: 'creditCode',
            message: `the institution ${draft.creditCode} is registered as ${institution.kind}, not ONLINE`,
          }
        : institution?.hasFiling
          ? { column: 'creditCode', message: `the institution ${draft.creditCode} already has a filing` }
          : null;
    if (problem) problems.push({ sheet: 'institutions', line: draft.line, ...problem });
  }
  if (problems.length) throw new ImportRefused(problems);
}

/** Adds the institutions this service did not know (as imported); every draft's institution id by credit code. */
async function addNewInstitutions(manager: EntityManager, drafts: FilingDraft[], known: KnownInstitutions) {
  const newInstitutions = drafts.filter((d) => !known.has(d.creditCode));
  const institutionIds = new Map([...known].map(([code, institution]) => [code, institution.id]));
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
  return { institutionIds, created: newInstitutions.length };
}

/** The filings as SUBMITTED against the rule set in force on their day, each with its history row. */
async function insertSubmittedFilings(
  manager: EntityManager,
  drafts: FilingDraft[],
  sets: RuleSets,
  institutionIds: Map<string, string>,
  actor: Actor,
): Promise<string[]> {
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
  return filingIds;
}

/** Every filing's personnel and courses, numbered in sheet order, in bulk; reports the load's progress. */
async function insertParts(
  manager: EntityManager,
  drafts: FilingDraft[],
  filingIds: string[],
  onProgress: ImportProgress,
) {
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
  return { personnel: personnel.length, courses: courses.length };
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
