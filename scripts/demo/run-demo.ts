/**
 * What `pnpm start --demo` does once the stack is up: load the data set (unless it is there already),
 * remember what was loaded beside the embedded database, and print the queries for each role.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SigningKey } from '@jianguan/platform';
import { loadDemo, type DemoSummary } from './load-demo';
import { demoRoleQueries, formatRoleQueries } from './role-queries';
import { DEMO_SERVICE_ENV } from './demo-env';
import { DEFAULT_DEMO_SEED } from '@jianguan/tools';

export const demoSummaryPath = (dataDir: string) => path.join(dataDir, 'demo-summary.json');

function readSummary(file: string): DemoSummary | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as DemoSummary;
  } catch {
    return undefined;
  }
}

/** `--demo-size N`: a positive whole number of institutions. */
export function parseDemoSize(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const size = Number(value);
  if (!Number.isInteger(size) || size < 1 || size > 100_000) {
    throw new Error(`--demo-size must be a whole number from 1 to 100000, not "${value}"`);
  }
  return size;
}

const shanghaiTime = (iso: string) =>
  new Date(iso).toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

export async function runDemo(options: {
  gatewayUrl: string;
  databaseUrl: string;
  keys: SigningKey;
  dataDir: string;
  size: number;
  signal: AbortSignal;
  say: (message: string) => void;
}): Promise<string> {
  const file = demoSummaryPath(options.dataDir);
  const previous = readSummary(file);
  const started = Date.now();
  options.say(
    `loading the Qinghai demo data set (${options.size} institutions): the grid survey by the registry's import, the rest through the gateway…`,
  );
  const result = await loadDemo({
    gatewayUrl: options.gatewayUrl,
    databaseUrl: options.databaseUrl,
    keys: options.keys,
    size: options.size,
    seed: DEFAULT_DEMO_SEED,
    previous,
    signal: options.signal,
    say: (message) => options.say(`  ${message}`),
  });
  if (!result.alreadyLoaded) {
    fs.writeFileSync(file, JSON.stringify(result.summary, null, 2) + '\n');
    options.say(`demo loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } else if (!previous) {
    options.say(
      `note: ${file} is missing, so an earlier load may not have finished; delete ${options.dataDir} (or the database) to load afresh`,
    );
  }
  const { summary } = result;
  const queries = await demoRoleQueries(options.keys, summary);
  const watched = summary.watchedOrders
    .filter((order) => new Date(order.deadline).getTime() > Date.now())
    .map((order) => `  ${shanghaiTime(order.deadline)}  ${order.institution}`);
  return [
    '',
    '════ Demo: 青海省 ════',
    `${summary.counts.institutions} institutions in ${result.dataset.counties.length} counties; ` +
      `campaign “青海省校外培训机构证照不全专项治理行动” running (loaded ${summary.loadedAt}).`,
    '',
    'Deadlines to watch (Asia/Shanghai): reminders 2 min, 1 min and 20 s before each; a missed one is',
    'black-listed and escalated county → city → province → discipline referral, one minute per level',
    `(${Object.entries(DEMO_SERVICE_ENV)
      .map(([name, value]) => `${name}=${value}`)
      .join(' ')}).`,
    ...(watched.length > 0
      ? watched
      : ['  (deadlines of the first load have passed; delete the data dir to reload)']),
    '',
    'Queries for each role (paste a curl into a shell, or the GraphQL text and token into the explorer):',
    '',
    formatRoleQueries(options.gatewayUrl, queries),
  ].join('\n');
}
