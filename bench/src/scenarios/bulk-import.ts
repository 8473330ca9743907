/**
 * Scenario 5: bulk import versus COPY.
 * (a) The national online filing (718 institutions / 115,622 personnel / 3,463 courses) through
 *     online-course-filing's own `import` CLI (validates every row, all or nothing), versus COPY of the
 *     same CSV sheets into plain tables.
 * (b) 401,050 surveyed institutions: the registry has no bulk import, so a sample goes through what
 *     exists (registerInstitution + recordSurvey on the registry subgraph) and the rate is extrapolated,
 *     versus COPY of 401,050 rows of the same fields.
 */
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { from as copyFrom } from 'pg-copy-streams';
import { benchDatabaseUrl, childEnv } from '../bench-config';
import { REPO_ROOT } from '../children';
import { qinghaiInstitution } from '../dataset';
import { inParallel } from '../graphql-client';
import type { RunOptions, ScenarioResult } from '../scenario';
import { callSubgraph, withDatabase, type Seeded } from '../seed';
import type { Stack } from '../stack';

const say = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const SURVEY_SIZE = 401_050;
const FILING_CLI = path.join(REPO_ROOT, 'services', 'online-course-filing', 'src', 'import', 'cli.ts');

function runFilingCli(args: string[]): Promise<number> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', FILING_CLI, ...args], {
      cwd: REPO_ROOT,
      env: childEnv({ DATABASE_URL: benchDatabaseUrl, USER: 'bench' }),
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve((Date.now() - started) / 1000)
        : reject(new Error(`filing CLI ${args[0]} exited ${code}`)),
    );
  });
}

const csvHeader = (file: string) => readFileSync(file, 'utf8').split('\n', 1)[0].split(',');

/** COPY every CSV of `dir` into a fresh text table of the same columns; returns rows and seconds. */
async function copyCsvDirectory(stack: Stack, dir: string): Promise<{ rows: number; seconds: number }> {
  return withDatabase(stack, async (db) => {
    await db.query('DROP SCHEMA IF EXISTS bench_copy CASCADE; CREATE SCHEMA bench_copy');
    const files = readdirSync(dir).filter((f) => f.endsWith('.csv'));
    for (const f of files) {
      const columns = csvHeader(path.join(dir, f)).map((c) => `"${c.trim()}" text`);
      await db.query(`CREATE TABLE bench_copy."${path.basename(f, '.csv')}" (${columns.join(', ')})`);
    }
    const started = Date.now();
    let rows = 0;
    for (const f of files) {
      const stream = db.query(
        copyFrom(`COPY bench_copy."${path.basename(f, '.csv')}" FROM STDIN WITH (FORMAT csv, HEADER true)`),
      );
      await pipeline(createReadStream(path.join(dir, f)), stream);
      rows += Number(stream.rowCount);
    }
    return { rows, seconds: (Date.now() - started) / 1000 };
  });
}

/**
 * COPY `count` surveyed institutions (the registration and survey fields) into a plain table. The
 * rows are written to a file first (not timed), so the timing is COPY's, not our generator's.
 */
async function copySurveyRows(stack: Stack, seeded: Seeded, count: number): Promise<number> {
  const file = path.join(stack.workDir, 'surveyed.tsv');
  const surveyedAt = new Date().toISOString();
  function* lines() {
    for (let i = 0; i < count; i++) {
      const s = qinghaiInstitution(i, seeded.counties);
      yield `${s.name}\t${s.creditCode}\t${s.kind}\t${s.category}\t${s.regionCode}\t${s.address}\t${surveyedAt}\t${s.regionCode}\tOPERATING\n`;
    }
  }
  await pipeline(Readable.from(lines()), createWriteStream(file));
  return withDatabase(stack, async (db) => {
    await db.query(`DROP TABLE IF EXISTS bench_copy.surveyed; CREATE TABLE bench_copy.surveyed (
      name text, credit_code text, kind text, category text, region_code text, address text,
      surveyed_at timestamptz, grid_code text, finding text)`);
    const started = Date.now();
    await pipeline(createReadStream(file), db.query(copyFrom('COPY bench_copy.surveyed FROM STDIN')));
    return (Date.now() - started) / 1000;
  });
}

const REGISTER = `mutation($input: RegisterInstitutionInput!) { registerInstitution(input: $input) { id } }`;
const SURVEY = `mutation($input: RecordSurveyInput!) { recordSurvey(input: $input) { id } }`;

/** Registers and surveys `count` new institutions through the registry subgraph; returns seconds. */
async function registerAndSurvey(stack: Stack, seeded: Seeded, count: number): Promise<number> {
  const started = Date.now();
  const offset = seeded.seeds.length; // after the seeded ones: new credit codes
  await inParallel(count, 8, async (i) => {
    const seed = qinghaiInstitution(offset + i, seeded.counties);
    const data = await callSubgraph(stack, 'registry', REGISTER, { input: seed });
    const id = (data.registerInstitution as { id: string }).id;
    await callSubgraph(stack, 'registry', SURVEY, {
      input: {
        institutionId: id,
        surveyedAt: new Date().toISOString(),
        gridCode: seed.regionCode,
        finding: 'OPERATING',
      },
    });
  });
  return (Date.now() - started) / 1000;
}

export async function importScenario(
  stack: Stack,
  seeded: Seeded,
  options: RunOptions,
): Promise<ScenarioResult> {
  const dir = mkdtempSync(path.join(stack.workDir, 'filing-'));
  say('writing the national filing data set (online-course-filing seed CLI)');
  await runFilingCli(['seed', dir]);
  const sheetRows = readdirSync(dir)
    .filter((f) => f.endsWith('.csv'))
    .reduce((sum, f) => sum + readFileSync(path.join(dir, f), 'utf8').trimEnd().split('\n').length - 1, 0);
  say(`importing ${sheetRows} rows with the import CLI`);
  const importSeconds = await runFilingCli(['import', dir]);
  const imported = await withDatabase(stack, async (db) => {
    const n = async (table: string) =>
      Number(
        (await db.query<{ n: string }>(`SELECT count(*) AS n FROM online_course_filing.${table}`)).rows[0].n,
      );
    return { filings: await n('filing'), personnel: await n('person'), courses: await n('course') };
  });
  const copy = await copyCsvDirectory(stack, dir);
  say(
    `filing: import ${importSeconds.toFixed(1)} s, COPY ${copy.seconds.toFixed(1)} s for ${copy.rows} rows`,
  );

  const sample = options.quick ? 100 : 1_000;
  say(`registering and surveying ${sample} institutions through the registry subgraph`);
  const sampleSeconds = await registerAndSurvey(stack, seeded, sample);
  const surveyRate = sample / sampleSeconds;
  const copySurveySeconds = await copySurveyRows(stack, seeded, SURVEY_SIZE);
  const copySurveyRate = SURVEY_SIZE / copySurveySeconds;
  await withDatabase(stack, (db) => db.query('DROP SCHEMA IF EXISTS bench_copy CASCADE'));

  const importRate = sheetRows / importSeconds;
  const copyRate = copy.rows / copy.seconds;
  return {
    scenario: 5,
    title: 'Bulk import: the national filing and 401,050 surveyed institutions, versus COPY',
    notes: [
      "National filing: `online-course-filing import <dir>` (the service's own CLI: migrates, validates every row with zod, loads all or nothing; timed as a whole process, start-up included) on the CSV sheets its `seed` command writes (718 / 115,622 / 3,463). Limit: COPY of the same CSV files into plain text tables (no validation, no indexes).",
      `Surveyed institutions: **the registry has no bulk import** (no command in services/registry/src/commands, no CLI), so this is a gap, not a measurement of one: ${sample} institutions were registered and surveyed through what exists (registerInstitution + recordSurvey on the registry subgraph, 8 in flight) and the time for 401,050 extrapolated from that rate. Limit: COPY of 401,050 rows of the same fields into a plain table.`,
    ],
    measurements: {
      'filing import: rows in the sheets': sheetRows,
      'filing import: seconds (CLI, whole process)': importSeconds,
      'filing import: rows per second': importRate,
      'filing import: filings / personnel / courses in the database': `${imported.filings} / ${imported.personnel} / ${imported.courses}`,
      'filing COPY: seconds': copy.seconds,
      'filing COPY: rows per second': copyRate,
      'filing import / COPY speed': importRate / copyRate,
      'survey: institutions registered+surveyed via the subgraph (sample)': sample,
      'survey: institutions per second via the subgraph': surveyRate,
      'survey: extrapolated hours for 401,050': SURVEY_SIZE / surveyRate / 3600,
      'survey COPY: seconds for 401,050 rows': copySurveySeconds,
      'survey COPY: rows per second': copySurveyRate,
      'survey via subgraph / COPY speed': surveyRate / copySurveyRate,
    },
  };
}
