import { openDataSource, reportImportRefusal, runImportCommand } from '@jianguan/platform';
import { createRegistryDataSource } from '../data-source';
import { importSurveyFile } from './import-survey-file';
import { readSurveyFile } from './survey-file';
import { importCliConfig as env } from './cli-config';

// The registry's import command (see package.json):
//   import FILE.csv            loads a grid-survey file, all or nothing (exit 2 when refused)
// A realistic Qinghai survey file to try it on is written by `pnpm --filter @jianguan/tools run
// registry-seed FILE.csv [--count N]` (tools/commands/registry-seed.ts).
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

runImportCommand(env, 'usage: import FILE.csv', runImport);
