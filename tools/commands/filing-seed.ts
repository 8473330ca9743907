// `pnpm --filter @jianguan/tools run filing-seed DIR | FILE.xlsx`: writes the national 2019 filing data
// set (718 institutions, 115,622 personnel, 3,463 courses) as a directory of CSV sheets or a workbook,
// for online-course-filing's `import`.
import { writeCsvDirectory, writeWorkbook } from '@jianguan/online-course-filing';
import { generateNationalDataSet } from '../src';
import { runCommand, userPath } from './command-config';

runCommand(async () => {
  const [given] = process.argv.slice(2);
  if (!given) {
    process.stderr.write('usage: filing-seed <directory | file.xlsx to write>\n');
    process.exit(1);
  }
  const dir = userPath(given);
  const data = generateNationalDataSet();
  if (dir.endsWith('.xlsx')) await writeWorkbook(dir, data);
  else await writeCsvDirectory(dir, data);
  process.stdout.write(`wrote the national 2019 data set to ${dir}\n`);
});
