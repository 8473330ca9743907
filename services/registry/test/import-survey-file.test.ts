import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CsvRow } from '@jianguan/platform';
import { useRegistryDatabase } from './support';
import { importSurveyFile } from '../src/import/import-survey-file';
import { ImportRefused, type RowProblem } from '@jianguan/platform';
import { generateQinghaiDataset, qinghaiCounties, surveyFileRecord, type DemoDataset } from '@jianguan/tools';
import { readDivisions } from '../src/regions/division-data';
import { readSurveyFile, writeSurveyFile } from '../src/import/survey-file';

jest.setTimeout(60_000);

const bed = useRegistryDatabase(3);
let dir: string;
let counties: ReturnType<typeof qinghaiCounties>;
const actor = { sub: 'import-test', name: '导入测试' };
const now = new Date();

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'registry-import-'));
  counties = qinghaiCounties(await readDivisions(['63']));
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Writes the data set as a survey file and reads it back, as the import command does. */
async function surveyFile(dataset: DemoDataset, name: string): Promise<CsvRow[]> {
  const file = path.join(dir, name);
  await writeSurveyFile(
    file,
    dataset.institutions.map((i) => surveyFileRecord(i, now)),
  );
  return readSurveyFile(file);
}

const count = async (table: string) =>
  Number(
    ((await bed.dataSource.query(`SELECT count(*) AS n FROM registry.${table}`)) as { n: string }[])[0].n,
  );
const tableCounts = async () => ({
  institutions: await count('institution'),
  licences: await count('licence'),
  surveys: await count('survey_record'),
  outbox: await count('outbox'),
  audit: await count('audit_record'),
});

async function refusal(rows: CsvRow[]): Promise<RowProblem[]> {
  try {
    await importSurveyFile(bed.dataSource, rows, actor, { now });
  } catch (error) {
    expect(error).toBeInstanceOf(ImportRefused);
    return (error as ImportRefused).problems;
  }
  throw new Error('the import was not refused');
}

describe('importing a grid-survey file', () => {
  const dataset = () => generateQinghaiDataset({ counties, size: 400, seed: 63 });

  it('refuses a file with bad rows whole, naming each by line and column', async () => {
    const rows = await surveyFile(dataset(), 'bad.csv');
    const at = (line: number) => rows.find((r) => r.line === line)!.record;

    // Line 5: a wrong check character.
    const code = at(5).creditCode;
    at(5).creditCode = code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
    // Line 9: a division code that does not exist (its grid with it).
    Object.assign(at(9), { regionCode: '639999', gridCode: '639999' });
    // Line 14: the credit code of line 12.
    at(14).creditCode = at(12).creditCode;
    // Line 20: surveyed in a grid of another county.
    const elsewhere = rows.find(
      (r) => r.line > 50 && r.record.regionCode.slice(0, 6) !== at(20).regionCode.slice(0, 6),
    )!;
    at(20).gridCode = elsewhere.record.regionCode;
    // Line 33: a licence issued on a day that does not exist; line 40: surveyed in the future.
    at(33).licences = at(33).licences.replace(/:\d{4}-\d{2}-\d{2}/, ':2021-02-30');
    at(40).surveyedAt = new Date(now.getTime() + 86_400_000).toISOString();

    const problems = await refusal(rows);
    expect(problems).toEqual([
      { line: 5, column: 'creditCode', message: 'creditCode has a wrong check character' },
      { line: 9, column: 'regionCode', message: 'regionCode 639999 is not a known division code' },
      { line: 9, column: 'gridCode', message: 'gridCode 639999 is not a known division code' },
      {
        line: 14,
        column: 'creditCode',
        message: `creditCode ${at(12).creditCode} is already on line 12`,
      },
      { line: 20, column: 'gridCode', message: "gridCode must lie within the institution's county" },
      { line: 33, column: 'licences', message: 'licence 1 issuedOn is not a calendar date' },
      { line: 40, column: 'surveyedAt', message: 'surveyedAt must not be in the future' },
    ]);
    expect(await tableCounts()).toEqual({ institutions: 0, licences: 0, surveys: 0, outbox: 0, audit: 0 });
  });

  it('holds every cell to the text rule of the GraphQL inputs: control characters refused, names in NFKC', async () => {
    const rows = await surveyFile(dataset(), 'text.csv');
    const at = (line: number) => rows.find((r) => r.line === line)!.record;
    at(3).name = `${at(3).name.slice(0, 2)}\u0000${at(3).name.slice(2)}`;
    at(7).address = `${at(7).address}\u0008`;
    const problems = await refusal(rows);
    expect(problems).toEqual([
      { line: 3, column: 'name', message: expect.stringMatching(/^name 含有控制字符/) },
      { line: 7, column: 'address', message: expect.stringMatching(/^address 含有控制字符/) },
    ]);
    expect(await tableCounts()).toEqual({ institutions: 0, licences: 0, surveys: 0, outbox: 0, audit: 0 });
  });

  it('loads a good file with the certificate statuses, licences, surveys and events the registry derives', async () => {
    const data = dataset();
    const rows = await surveyFile(data, 'good.csv');
    expect(rows).toHaveLength(400);
    expect(rows[0].line).toBe(2); // the header is line 1

    const result = await importSurveyFile(bed.dataSource, rows, actor, { now });

    const expected = { COMPLETE: 0, INCOMPLETE: 0, NONE: 0 };
    for (const i of data.institutions) expected[i.expectedCertificateStatus] += 1;
    const licences = data.institutions.reduce((n, i) => n + i.licences.length, 0);
    expect(result).toMatchObject({
      institutions: 400,
      licences,
      surveys: 400,
      byCertificateStatus: expected,
      events: { InstitutionRegistered: 400, InstitutionClassified: 400 },
    });
    expect(expected.COMPLETE).toBeGreaterThan(0);
    expect(expected.INCOMPLETE).toBeGreaterThan(0);
    expect(expected.NONE).toBeGreaterThan(0);
    expect(await tableCounts()).toEqual({
      institutions: 400,
      licences,
      surveys: 400,
      outbox: 800,
      audit: 401,
    });
    const statuses = (await bed.dataSource.query(
      `SELECT certificate_status AS status, count(*)::int AS n FROM registry.institution GROUP BY 1`,
    )) as { status: keyof typeof expected; n: number }[];
    expect(Object.fromEntries(statuses.map((s) => [s.status, s.n]))).toEqual(
      Object.fromEntries(Object.entries(expected).filter(([, n]) => n > 0)),
    );

    // A sampled institution that lacks a licence: its row, licences, survey, audit and events.
    const sample = data.institutions.find((i) => i.profile === 'MISSING_LICENCE')!;
    const [stored] = (await bed.dataSource.query(
      `SELECT id, name, kind, category, region_code, status, certificate_status, missing_licences,
              on_national_platform, rule_set_version
         FROM registry.institution WHERE credit_code = $1`,
      [sample.creditCode],
    )) as Record<string, unknown>[];
    expect(stored).toMatchObject({
      name: sample.name,
      kind: sample.kind,
      category: sample.category,
      region_code: sample.regionCode,
      status: 'ACTIVE',
      certificate_status: 'INCOMPLETE',
      missing_licences: sample.expectedMissing,
      on_national_platform: sample.onNationalPlatform,
      rule_set_version: '2021-07',
    });
    const storedLicences = (await bed.dataSource.query(
      `SELECT type, number, issued_by AS "issuedBy", to_char(issued_on, 'YYYY-MM-DD') AS "issuedOn",
              to_char(valid_until, 'YYYY-MM-DD') AS "validUntil"
         FROM registry.licence WHERE institution_id = $1 ORDER BY type`,
      [stored.id],
    )) as unknown[];
    expect(storedLicences).toEqual([...sample.licences].sort((a, b) => a.type.localeCompare(b.type)));
    const [survey] = (await bed.dataSource.query(
      `SELECT grid_code, finding, classification, notes, surveyor_id FROM registry.survey_record
        WHERE institution_id = $1`,
      [stored.id],
    )) as Record<string, unknown>[];
    expect(survey).toEqual({
      grid_code: sample.regionCode,
      finding: 'OPERATING',
      classification: 'INCOMPLETE_CERTIFICATES',
      notes: sample.survey.notes,
      surveyor_id: 'import-test',
    });
    const events = (await bed.dataSource.query(
      `SELECT type, payload FROM registry.outbox WHERE payload->>'institutionId' = $1 ORDER BY seq`,
      [stored.id],
    )) as { type: string; payload: Record<string, unknown> }[];
    expect(events).toEqual([
      {
        type: 'InstitutionRegistered',
        payload: {
          institutionId: stored.id,
          creditCode: sample.creditCode,
          name: sample.name,
          kind: sample.kind,
          category: sample.category,
          regionCode: sample.regionCode,
        },
      },
      {
        type: 'InstitutionClassified',
        payload: {
          institutionId: stored.id,
          regionCode: sample.regionCode,
          certificateStatus: 'INCOMPLETE',
          missingLicences: sample.expectedMissing,
          surveyFinding: 'INCOMPLETE_CERTIFICATES',
          onNationalPlatform: sample.onNationalPlatform,
        },
      },
    ]);
    const [audit] = (await bed.dataSource.query(
      `SELECT action, actor_id, after->>'credit_code' AS code, jsonb_array_length(after->'licences') AS licences
         FROM registry.audit_record WHERE entity_type = 'Institution' AND entity_id = $1`,
      [stored.id],
    )) as Record<string, unknown>[];
    expect(audit).toEqual({
      action: 'importInstitution',
      actor_id: 'import-test',
      code: sample.creditCode,
      licences: sample.licences.length,
    });

    // A survey that found the institution gone closes it.
    const closed = data.institutions.find((i) => i.profile === 'CLOSED')!;
    const [gone] = (await bed.dataSource.query(
      `SELECT i.status, s.classification FROM registry.institution i
         JOIN registry.survey_record s ON s.institution_id = i.id WHERE i.credit_code = $1`,
      [closed.creditCode],
    )) as Record<string, unknown>[];
    expect(gone).toEqual({ status: 'CLOSED', classification: 'CLOSED_OR_NOT_FOUND' });
  });

  it('refuses the same file a second time, naming every duplicate by line, and loads nothing', async () => {
    const rows = await surveyFile(dataset(), 'again.csv');
    const before = await tableCounts();
    const problems = await refusal(rows);
    const duplicates = problems.filter((p) => p.column === 'creditCode');
    expect(duplicates).toHaveLength(400);
    expect(duplicates[0]).toEqual({
      line: 2,
      column: 'creditCode',
      message: `an institution with credit code ${rows[0].record.creditCode} is already registered`,
    });
    expect(new Set(duplicates.map((p) => p.line))).toEqual(new Set(rows.map((r) => r.line)));
    expect(await tableCounts()).toEqual(before);
  });
});
