import { SingleBar, Presets } from 'cli-progress';
import { openDataSource, reportImportRefusal, runImportCommand } from '@jianguan/platform';
import { createFilingDataSource } from '../data-source';
import { importFilings } from './import-filings';
import { readCsvDirectory } from './sheets';
import { readWorkbook } from './xlsx';
import { cliConfig } from './cli-config';

// The import command of the package (see package.json): loads a directory with one CSV sheet per part,
// or an .xlsx workbook with one sheet per part (institutions, platforms, personnel, courses), all or
// nothing. The national 2019 data set to try it on is written by `pnpm --filter @jianguan/tools run
// filing-seed` (tools/commands/filing-seed.ts).
// DATABASE_URL names the database, which is migrated first. Paths are relative to where pnpm was run.
const env = cliConfig;

async function runImport(file: string) {
  const started = Date.now();
  const sheets = file.endsWith('.xlsx') ? await readWorkbook(file) : await readCsvDirectory(file);
  const dataSource = await openDataSource(createFilingDataSource(env.DATABASE_URL, { poolSize: 2 }), {
    migrate: true,
  });
  const bar = new SingleBar(
    { format: '{phase} [{bar}] {value}/{total} rows', hideCursor: true },
    Presets.shades_classic,
  );
  let phase: string | undefined;
  try {
    const result = await importFilings(
      dataSource,
      sheets,
      { sub: 'import-cli', name: env.USER },
      (next, done, total) => {
        if (next !== phase) {
          if (phase) bar.stop();
          phase = next;
          bar.start(total, done, { phase: next === 'validate' ? 'validating' : 'loading   ' });
        }
        bar.update(done);
      },
    );
    bar.stop();
    process.stdout.write(
      `imported ${result.filings} filings: ${result.personnel} personnel, ${result.courses} courses, ` +
        `${result.platforms} platforms (${result.institutionsCreated} institutions new to this service) ` +
        `in ${((Date.now() - started) / 1000).toFixed(2)} s (reading, checking and loading)\n`,
    );
  } catch (error) {
    bar.stop();
    reportImportRefusal(error);
  } finally {
    await dataSource.destroy();
  }
}

runImportCommand(env, 'usage: import <directory of CSV sheets | file.xlsx>', runImport);
