/**
 * `pnpm bench [--quick] [--scenario N] [--rounds R] [--seconds S] [--connections C] [--institutions N]`
 *
 * Starts the federation on a fresh bench database, seeds the Qinghai data set through the services,
 * starts the gateways, runs the scenarios, writes bench/results/<scenario>-<timestamp>.json each and
 * regenerates BENCHMARKS.md.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT, stopAllChildren } from './children';
import { benchConfig } from './bench-config';
import { ALL_GATEWAYS, startGateways, type GatewayName } from './gateways';
import { describeMachine } from './machine';
import { renderBenchmarks, writeResult } from './report';
import type { RunOptions, ScenarioResult } from './scenario';
import { dashboardScenario } from './scenarios/dashboard';
import { deadlineScenario } from './scenarios/deadlines';
import { importScenario } from './scenarios/bulk-import';
import { institutionPageScenario } from './scenarios/institution-page';
import { publicLookupScenario } from './scenarios/public-lookup';
import { seedQinghai } from './seed';
import { startStack, SUBGRAPH_POOL_SIZE } from './stack';
import { packageVersions } from './versions';

const USAGE = `Usage: pnpm bench [options]

  --quick             small data set and short runs, for development
  --scenario N        run only scenario N (1 lookup, 2 institution page, 3 dashboard,
                      4 deadlines, 5 bulk import); repeatable
  --rounds R          timed rounds per target (default 3)
  --seconds S         length of each timed run (default 10, quick 3)
  --connections C     load generator connections (default 50, quick 20)
  --institutions N    institutions to seed (default 20000, quick 500)
  --deadlines N       scenario 4: deadlines due in the same second (default 10000, quick 200;
                      needs --institutions of at least N / 0.9)
  --gateways LIST     comma-separated subset of jianguan,jianguan-unoptimised,apollo-gateway,
                      hive-js,hive-router
  --report-only       only regenerate BENCHMARKS.md from bench/results`;

const say = (message: string) => process.stderr.write(`[bench] ${message}\n`);

function parseOptions() {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      scenario: { type: 'string', multiple: true },
      rounds: { type: 'string' },
      seconds: { type: 'string' },
      connections: { type: 'string' },
      institutions: { type: 'string' },
      deadlines: { type: 'string' },
      gateways: { type: 'string' },
      'report-only': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const number = (name: string, given: string | undefined, fallback: number) => {
    const n = given === undefined ? fallback : Number(given);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive whole number`);
    return n;
  };
  const quick = values.quick ?? false;
  // In order, once each: scenario 5 stops the workers, so it must come last.
  const scenarios = [
    ...new Set((values.scenario ?? ['1', '2', '3', '4', '5']).map((s) => number('scenario', s, 0))),
  ].sort((a, b) => a - b);
  if (scenarios.some((s) => s > 5)) throw new Error('--scenario must be 1 to 5');
  const seconds = number('seconds', values.seconds, quick ? 3 : 10);
  const options: RunOptions = {
    quick,
    institutions: number('institutions', values.institutions, quick ? 500 : 20_000),
    deadlines: number('deadlines', values.deadlines, quick ? 200 : 10_000),
    method: {
      rounds: number('rounds', values.rounds, 3),
      seconds,
      warmupSeconds: Math.max(2, Math.round(seconds / 2)),
      connections: number('connections', values.connections, quick ? 20 : 50),
    },
  };
  const gateways = (values.gateways ?? ALL_GATEWAYS.join(',')).split(',') as GatewayName[];
  return { options, scenarios, gateways, reportOnly: values['report-only'] ?? false };
}

async function main() {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  const { options, scenarios, gateways: gatewayNames, reportOnly } = parsed;
  if (reportOnly) {
    say(`wrote ${path.relative(REPO_ROOT, await renderBenchmarks())}`);
    return;
  }
  // The gateway's settings for this run are part of the command that reproduces it.
  const settings = Object.keys(benchConfig.BENCH_JIANGUAN_ENV).length
    ? `BENCH_JIANGUAN_ENV='${JSON.stringify(benchConfig.BENCH_JIANGUAN_ENV)}' `
    : '';
  const command = `${settings}pnpm bench ${process.argv.slice(2).join(' ')}`.trim();
  const machine = describeMachine();
  const versions = packageVersions();
  const started = new Date();
  const stack = await startStack({
    // Deadlines in seconds: no reminders (their offsets lie before the order was issued), a long grace
    // so only the first escalation (county) happens during the measurement.
    workerEnv: {
      ENFORCEMENT_REMINDER_OFFSETS_SECONDS: String(30 * 86_400),
      ENFORCEMENT_ESCALATION_GRACE: '1h',
    },
  });
  const seeded = await seedQinghai(stack, options.institutions);
  const needsGateways = scenarios.some((s) => s <= 3);
  const gateways = needsGateways ? await startGateways(stack, gatewayNames) : [];
  if (needsGateways) say(`gateways up: ${gateways.map((g) => `${g.name} ${g.url}`).join(', ')}`);

  const record = (result: ScenarioResult) => {
    const file = writeResult({
      ...result,
      date: new Date().toISOString(),
      command,
      quick: options.quick,
      machine,
      versions,
      notes: [
        `Data set: ${seeded.seeds.length} Qinghai institutions seeded through the services in ${seeded.seconds.toFixed(0)} s; subgraph DATABASE_POOL_SIZE ${SUBGRAPH_POOL_SIZE}.`,
        ...result.notes,
      ],
    });
    say(`wrote ${path.relative(REPO_ROOT, file)}`);
  };
  const run: Record<number, () => Promise<ScenarioResult>> = {
    1: () => publicLookupScenario(stack, gateways, options),
    2: () => institutionPageScenario(stack, gateways, seeded, options),
    3: () => dashboardScenario(stack, gateways, options),
    4: () => deadlineScenario(stack, seeded, options),
    5: () => importScenario(stack, options),
  };
  const failed: string[] = [];
  for (const scenario of scenarios) {
    say(`scenario ${scenario}`);
    try {
      record(await run[scenario]());
    } catch (error) {
      // One scenario's failure (e.g. targets that disagree) must not cost the others their run.
      failed.push(`scenario ${scenario}: ${(error as Error).message}`);
      say(`scenario ${scenario} FAILED, no result written: ${(error as Error).stack ?? String(error)}`);
    }
  }
  const written = await renderBenchmarks();
  if (failed.length > 0) {
    process.exitCode = 1;
    say(`failed:\n  ${failed.join('\n  ')}`);
  }
  say(
    `wrote ${path.relative(REPO_ROOT, written)} (run took ${((Date.now() - started.getTime()) / 60_000).toFixed(1)} min)`,
  );
}

// Ctrl-C: stop every process we started before leaving.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    say(`${signal}: stopping`);
    void stopAllChildren().finally(() => process.exit(130));
  });
}

main()
  .catch((error: unknown) => {
    process.stderr.write(
      `[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  })
  .finally(async () => {
    await stopAllChildren();
    process.exit();
  });
