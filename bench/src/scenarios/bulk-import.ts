/**
 * Scenario 5: bulk import versus COPY.
 * (a) The national online filing (718 institutions / 115,622 personnel / 3,463 courses) through
 *     online-course-filing's own `import` CLI (validates every row, all or nothing), versus COPY of the
 *     same CSV sheets into plain tables, and versus COPY of exactly the rows it wrote into tables of the
 *     same definition (copy-same-rows.ts).
 * (b) 401,050 surveyed institutions through the registry's own `import` CLI (validates every row, all
 *     or nothing, with an audit line per institution and the outbox events), on the survey file the
 *     tools' `registry-seed` command writes, versus COPY of the same file into a plain table, and versus COPY of exactly
 *     the rows it wrote into tables of the same definition (copy-same-rows.ts).
 * Each import is timed as a whole process (start-up included) and in-process (what the CLI reports).
 */
import { spawn } from 'node:child_process';
import { createReadStream, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { benchDatabaseUrl, childEnv } from '../bench-config';
import { REPO_ROOT } from '../children';
import type { RunOptions, ScenarioResult } from '../scenario';
import { withDatabase } from '../seed';
import { copySameRows, filingImportRows, registryImportRows, type SameRowsCopy } from './copy-same-rows';
import type { Stack } from '../stack';

const say = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const SURVEY_SIZE = 401_050;
const QUICK_SURVEY_SIZE = 20_000;
/**
 * Runs a package's command (a service's import, the tools' seeds) as the user does
 * (`pnpm --filter @jianguan/<package> run …`,
 * with the node flags of its package.json); its output is echoed and returned.
 */
function runCli(pkg: string, args: string[]): Promise<{ seconds: number; output: string }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn('pnpm', ['--silent', '--filter', `@jianguan/${pkg}`, 'run', ...args], {
      cwd: REPO_ROOT,
      env: childEnv({ DATABASE_URL: benchDatabaseUrl, USER: 'bench' }),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      process.stderr.write(chunk);
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve({ seconds: (Date.now() - started) / 1000, output })
        : reject(new Error(`${pkg} ${args[0]} exited ${code}`)),
    );
  });
}

/** A number the CLI printed, found by `pattern`'s first group. */
function reported(output: string, pattern: RegExp, what: string): string {
  const match = pattern.exec(output);
  if (!match) throw new Error(`the CLI did not report ${what}`);
  return match[1];
}

const csvHeader = (file: string) => readFileSync(file, 'utf8').split('\n', 1)[0].split(',');

/** COPY each CSV file into a fresh text table of its columns (header row skipped); rows and seconds. */
async function copyCsvFiles(stack: Stack, files: string[]): Promise<{ rows: number; seconds: number }> {
  const table = (file: string) => `bench_copy."${path.basename(file, '.csv')}"`;
  return withDatabase(stack, async (db) => {
    await db.query('DROP SCHEMA IF EXISTS bench_copy CASCADE; CREATE SCHEMA bench_copy');
    for (const file of files) {
      const columns = csvHeader(file).map((c) => `"${c.trim()}" text`);
      await db.query(`CREATE TABLE ${table(file)} (${columns.join(', ')})`);
    }
    const started = Date.now();
    let rows = 0;
    for (const file of files) {
      const stream = db.query(copyFrom(`COPY ${table(file)} FROM STDIN WITH (FORMAT csv, HEADER true)`));
      await pipeline(createReadStream(file), stream);
      rows += Number(stream.rowCount);
    }
    const seconds = (Date.now() - started) / 1000;
    await db.query('DROP SCHEMA bench_copy CASCADE');
    return { rows, seconds };
  });
}

const perTableSeconds = (copy: SameRowsCopy) =>
  JSON.stringify(Object.fromEntries(Object.entries(copy.perTable).map(([t, v]) => [t, v.seconds])));

const count = (stack: Stack, table: string) =>
  withDatabase(stack, async (db) =>
    Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0].n),
  );

// eslint-disable-next-line max-lines-per-function -- one experiment read top to bottom: set up, run the peers, measure, report
export async function importScenario(stack: Stack, options: RunOptions): Promise<ScenarioResult> {
  const dir = mkdtempSync(path.join(stack.workDir, 'filing-'));
  say('writing the national filing data set (tools filing-seed command)');
  await runCli('tools', ['filing-seed', dir]);
  const sheets = readdirSync(dir)
    .filter((f) => f.endsWith('.csv'))
    .map((f) => path.join(dir, f));
  const sheetRows = sheets.reduce(
    (sum, f) => sum + readFileSync(f, 'utf8').trimEnd().split('\n').length - 1,
    0,
  );
  say(`importing ${sheetRows} rows with the import CLI`);
  const filing = await runCli('online-course-filing', ['import', dir]);
  const filingInProcess = Number(reported(filing.output, /in ([\d.]+) s \(reading/, 'its time'));
  const imported = {
    filings: await count(stack, 'online_course_filing.filing'),
    personnel: await count(stack, 'online_course_filing.person'),
    courses: await count(stack, 'online_course_filing.course'),
  };
  const filingCopy = await copyCsvFiles(stack, sheets);
  say(
    `filing: import ${filing.seconds.toFixed(1)} s (in-process ${filingInProcess.toFixed(1)} s), ` +
      `COPY ${filingCopy.seconds.toFixed(1)} s for ${filingCopy.rows} rows`,
  );
  const filingSameRows = await copySameRows(stack, filingImportRows());
  say(`filing same rows: COPY ${filingSameRows.seconds.toFixed(1)} s for ${filingSameRows.rows} rows`);

  const surveySize = options.quick ? QUICK_SURVEY_SIZE : SURVEY_SIZE;
  const surveyFile = path.join(stack.workDir, 'survey.csv');
  say(`writing a survey file of ${surveySize} institutions (tools registry-seed command)`);
  await runCli('tools', ['registry-seed', surveyFile, '--count', String(surveySize)]);
  const surveyCopy = await copyCsvFiles(stack, [surveyFile]);
  // The import's 802,100 events would keep every worker busy for many minutes and slow the COPY of
  // the same rows below (run E: 243 s instead of ~70 s); consuming them is not what this measures.
  // The import itself does not need the workers. This is the last scenario, so they are not restarted.
  say('stopping the workers');
  for (const worker of stack.workers) await worker.stop();
  const institutionsBefore = await count(stack, 'registry.institution');
  say(`importing it with the registry import CLI`);
  const survey = await runCli('registry', ['import', surveyFile]);
  const surveyInProcess = Number(reported(survey.output, /import [0-9a-f-]{36}, ([\d.]+) s/, 'its time'));
  const importId = reported(survey.output, /import ([0-9a-f-]{36}), /, 'its id');
  const steps = JSON.parse(reported(survey.output, /steps \(ms\): (\{.*\})/, 'its steps')) as Record<
    string,
    number
  >;
  const loaded = (await count(stack, 'registry.institution')) - institutionsBefore;
  say(
    `survey: import ${survey.seconds.toFixed(1)} s (in-process ${surveyInProcess.toFixed(1)} s), ` +
      `COPY ${surveyCopy.seconds.toFixed(1)} s for ${surveyCopy.rows} rows`,
  );

  say('COPY of the rows the import wrote into tables of the same definition');
  const sameRows = await copySameRows(stack, registryImportRows(importId));
  say(`same rows: COPY ${sameRows.seconds.toFixed(1)} s for ${sameRows.rows} rows`);

  const copyRate = filingCopy.rows / filingCopy.seconds;
  const surveyCopyRate = surveyCopy.rows / surveyCopy.seconds;
  return {
    scenario: 5,
    title: `Bulk import: the national filing and ${surveySize.toLocaleString('en')} surveyed institutions, versus COPY`,
    notes: [
      "National filing: `online-course-filing import <dir>` (the service's own CLI: migrates, validates every row with zod, loads all or nothing with COPY) on the CSV sheets `pnpm --filter @jianguan/tools run filing-seed` writes (718 / 115,622 / 3,463); run as `pnpm --filter @jianguan/online-course-filing run import <dir>`, timed as a whole process (pnpm's and node's start-up included) and in-process as the CLI reports it (reading, checking and loading). Limit: COPY of the same CSV files into plain text tables (no validation, no indexes).",
      "Second limit for both imports: every row the import wrote (filing: imported institutions, filings, their history rows, personnel, courses and the audit line; registry: institutions, licences, surveys, audit lines, outbox events) dumped with COPY TO and COPYed back, in one transaction, into tables created LIKE the service's own (INCLUDING ALL: defaults, checks, every index) plus the foreign keys among them: what PostgreSQL itself needs to store what the import stores.",
      `Surveyed institutions: \`registry import FILE.csv\` (the registry's own CLI: validates every row, checks against the registry, writes institutions, licences, surveys, an audit line per institution and two outbox events per institution with COPY, all in one transaction) on the file of ${surveySize.toLocaleString('en')} rows its \`seed\` command writes; run with \`pnpm --filter\`, timed as a whole process and in-process (the CLI's own total, reading the file included), with its steps. Limit: COPY of the same file into a plain text table.`,
    ],
    measurements: {
      'filing import: rows in the sheets': sheetRows,
      'filing import: seconds (CLI, whole process)': filing.seconds,
      'filing import: seconds (in-process)': filingInProcess,
      'filing import: filings / personnel / courses in the database': `${imported.filings} / ${imported.personnel} / ${imported.courses}`,
      'filing COPY: seconds': filingCopy.seconds,
      'filing COPY: rows per second': copyRate,
      'filing import / COPY speed (whole process)': filingCopy.seconds / filing.seconds,
      'filing import / COPY speed (in-process)': filingCopy.seconds / filingInProcess,
      'filing same rows: rows written by the import': filingSameRows.rows,
      'filing same rows: COPY seconds into same-definition tables': filingSameRows.seconds,
      'filing same rows: COPY seconds per table': perTableSeconds(filingSameRows),
      'filing import / COPY of the same rows into same-definition tables (in-process)':
        filingSameRows.seconds / filingInProcess,
      'survey import: rows in the file': surveyCopy.rows,
      'survey import: institutions loaded': loaded,
      'survey import: seconds (CLI, whole process)': survey.seconds,
      'survey import: seconds (in-process)': surveyInProcess,
      'survey import: steps (ms)': JSON.stringify(steps),
      'survey import: rows per second (in-process)': surveyCopy.rows / surveyInProcess,
      'survey COPY: seconds': surveyCopy.seconds,
      'survey COPY: rows per second': surveyCopyRate,
      'survey import / COPY speed (whole process)': surveyCopy.seconds / survey.seconds,
      'survey import / COPY speed (in-process)': surveyCopy.seconds / surveyInProcess,
      'same rows: rows written by the import': sameRows.rows,
      'same rows: COPY seconds into same-definition tables': sameRows.seconds,
      'same rows: COPY seconds per table': perTableSeconds(sameRows),
      'survey import / COPY of the same rows into same-definition tables (in-process)':
        sameRows.seconds / surveyInProcess,
    },
  };
}
