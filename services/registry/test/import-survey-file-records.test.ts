import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parsePayload, type EventType } from '@jianguan/events';
import { useRegistryDatabase } from './support';
import { importSurveyFile } from '../src/import/import-survey-file';
import { generateQinghaiDataset, qinghaiCounties, surveyFileRecord } from '@jianguan/tools';
import { readDivisions } from '../src/regions/division-data';
import { readSurveyFile, writeSurveyFile } from '../src/import/survey-file';

// What the import writes besides the registry's own rows: the audit line of each institution and the
// outbox events, which the import builds from the rows it writes instead of reading them back.

jest.setTimeout(60_000);

const bed = useRegistryDatabase(3);
let dir: string;
const actor = { sub: 'import-test', name: '导入\t测试' };
const now = new Date();
let unsurveyedWithLicences = 0;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'registry-import-records-'));
  const data = generateQinghaiDataset({
    counties: qinghaiCounties(await readDivisions(['63'])),
    size: 300,
    seed: 7,
  });
  const file = path.join(dir, 'survey.csv');
  await writeSurveyFile(
    file,
    data.institutions.map((i) => surveyFileRecord(i, now)),
  );
  const rows = await readSurveyFile(file);
  // Every tenth institution registered but not surveyed: its licences end in a LicenceRecorded.
  rows.forEach(({ record }, i) => {
    if (i % 10 !== 0) return;
    Object.assign(record, { surveyedAt: '', gridCode: '', finding: '', notes: '' });
    if (record.licences) unsurveyedWithLicences += 1;
  });
  // A note with a line break, quotes and a backslash reaches the database as written.
  rows[1].record.notes = '第一行\n"第二行" \\ 完';
  await importSurveyFile(bed.dataSource, rows, actor, { now });
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the records an import writes besides the registry rows', () => {
  it('gives each institution an audit line whose after is its stored row, licences and survey', async () => {
    const differing = await bed.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL TimeZone = 'UTC'`);
      return (await manager.query(
        `SELECT i.credit_code, a.after, to_jsonb(i) || jsonb_build_object(
                  'licences', COALESCE((SELECT jsonb_agg(to_jsonb(l) ORDER BY l.type)
                                          FROM registry.licence l WHERE l.institution_id = i.id), '[]'::jsonb),
                  'survey', (SELECT to_jsonb(s) FROM registry.survey_record s WHERE s.institution_id = i.id)
                ) AS stored
           FROM registry.institution i
           LEFT JOIN registry.audit_record a
             ON a.entity_type = 'Institution' AND a.entity_id = i.id::text AND a.action = 'importInstitution'
          WHERE a.after IS DISTINCT FROM to_jsonb(i) || jsonb_build_object(
                  'licences', COALESCE((SELECT jsonb_agg(to_jsonb(l) ORDER BY l.type)
                                          FROM registry.licence l WHERE l.institution_id = i.id), '[]'::jsonb),
                  'survey', (SELECT to_jsonb(s) FROM registry.survey_record s WHERE s.institution_id = i.id))`,
      )) as unknown[];
    });
    expect(differing).toEqual([]);
    const [lines] = (await bed.dataSource.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE after->'survey' = 'null')::int AS unsurveyed,
              count(*) FILTER (WHERE after->'survey'->>'notes' = $1)::int AS with_note
         FROM registry.audit_record WHERE action = 'importInstitution' AND actor_name = $2`,
      ['第一行\n"第二行" \\ 完', actor.name],
    )) as { n: number; unsurveyed: number; with_note: number }[];
    expect(lines).toEqual({ n: 300, unsurveyed: 30, with_note: 1 });
  });

  it('writes events whose payloads are exactly what the event catalogue accepts', async () => {
    const events = (await bed.dataSource.query(`SELECT type, payload FROM registry.outbox ORDER BY seq`)) as {
      type: EventType;
      payload: unknown;
    }[];
    for (const event of events) expect(parsePayload(event.type, event.payload)).toEqual(event.payload);
    const counts: Record<string, number> = {};
    for (const e of events) counts[e.type] = (counts[e.type] ?? 0) + 1;
    expect(counts).toEqual({
      InstitutionRegistered: 300,
      InstitutionClassified: 270,
      LicenceRecorded: unsurveyedWithLicences,
    });
    expect(unsurveyedWithLicences).toBeGreaterThan(0);
    // Registrations come first, as the relay publishes in outbox order.
    expect(events.slice(0, 300).every((e) => e.type === 'InstitutionRegistered')).toBe(true);
  });
});
