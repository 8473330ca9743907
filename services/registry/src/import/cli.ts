import path from 'node:path';
import { openDataSource, reportImportRefusal } from '@jianguan/platform';
import { createRegistryDataSource } from '../data-source';
import { importSurveyFile } from './import-survey-file';
import { qinghaiSurveyFile } from './seed';
import { readSurveyFile, writeSurveyFile } from './survey-file';
import { importCliConfig as env } from './cli-config';

// The registry's import and seed commands (see package.json):
//   import FILE.csv            loads a grid-survey file, all or nothing (exit 2 when refused)
//   seed FILE.csv [--count N]  writes a realistic Qinghai survey file of N institutions (default 3000)
// DATABASE_URL names the database, which is migrated first. Paths are relative to where pnpm was run.

const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

async function runImport(file: string) {
  const started = Date.now();
  const rows = await readSurveyFile(file);
  process.stdout.write(`read ${rows.length} rows in ${seconds(started)}\n`);
  const dataSource = await openDataSource(createRegistryDataSource(env.DATABASE_URL, { poolSize: 2 }), {
    migrate: true,
  });
  let phase = '';
  try {
    const result = await importSurveyFile(
      dataSource,
      rows,
      { sub: 'import-cli', name: env.USER },
      {
        onProgress: (next, done, total) => {
          if (next !== phase || done === total) {
            phase = next;
            process.stdout.write(`${next === 'validate' ? 'validated' : 'loaded'} ${done}/${total}\n`);
          }
        },
      },
    );
    const { COMPLETE, INCOMPLETE, NONE } = result.byCertificateStatus;
    process.stdout.write(
      `imported ${result.institutions} institutions, ${result.licences} licences, ${result.surveys} surveys ` +
        `(certificates complete ${COMPLETE}, incomplete ${INCOMPLETE}, none ${NONE}); events ` +
        `${Object.entries(result.events)
          .map(([type, n]) => `${type} ${n}`)
          .join(', ')}; import ${result.importId}, ${seconds(started)}\n` +
        `steps (ms): ${JSON.stringify(result.timings)}\n`,
    );
  } catch (error) {
    reportImportRefusal(error);
  } finally {
    await dataSource.destroy();
  }
}

function parseCount(args: string[]): number | undefined {
  const at = args.indexOf('--count');
  if (at < 0) return undefined;
  const count = Number(args[at + 1]);
  if (!Number.isInteger(count) || count < 1) throw new Error(`--count must be a positive whole number`);
  return count;
}

async function main() {
  const [command, given, ...rest] = process.argv.slice(2);
  const file = given && path.resolve(env.INIT_CWD ?? process.cwd(), given);
  if (!file || (command !== 'import' && command !== 'seed')) {
    process.stderr.write('usage: import FILE.csv | seed FILE.csv [--count N]\n');
    process.exit(1);
  }
  if (command === 'seed') {
    const started = Date.now();
    const records = await qinghaiSurveyFile(parseCount(rest));
    await writeSurveyFile(file, records);
    process.stdout.write(
      `wrote ${records.length} surveyed Qinghai institutions to ${file} in ${seconds(started)}\n`,
    );
  } else {
    await runImport(file);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
