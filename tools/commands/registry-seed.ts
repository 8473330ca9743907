// `pnpm --filter @jianguan/tools run registry-seed FILE.csv [--count N]`: writes a realistic Qinghai
// grid-survey file of N institutions (default 3000), the demo's data set, for the registry's `import`.
import { readDivisions, writeSurveyFile } from '@jianguan/registry';
import { DEFAULT_DEMO_SIZE, generateQinghaiDataset, qinghaiCounties, surveyFileRecord } from '../src';
import { runCommand, seconds, userPath } from './command-config';

const QINGHAI = '63';

function parseCount(args: string[]): number | undefined {
  const at = args.indexOf('--count');
  if (at < 0) return undefined;
  const count = Number(args[at + 1]);
  if (!Number.isInteger(count) || count < 1) throw new Error(`--count must be a positive whole number`);
  return count;
}

runCommand(async () => {
  const [given, ...rest] = process.argv.slice(2);
  if (!given) {
    process.stderr.write('usage: registry-seed FILE.csv [--count N]\n');
    process.exit(1);
  }
  const file = userPath(given);
  const started = Date.now();
  const counties = qinghaiCounties(await readDivisions([QINGHAI]));
  const dataset = generateQinghaiDataset({ counties, size: parseCount(rest) ?? DEFAULT_DEMO_SIZE });
  const now = new Date();
  const records = dataset.institutions.map((institution) => surveyFileRecord(institution, now));
  await writeSurveyFile(file, records);
  process.stdout.write(
    `wrote ${records.length} surveyed Qinghai institutions to ${file} in ${seconds(started)}\n`,
  );
});
