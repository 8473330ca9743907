/**
 * The method: one load process on loopback, a discarded warm-up per target, then the targets
 * interleaved (A B C … A B C …) for the given number of rounds. Each timed run records RPS, p50/p99
 * latency, the target process's CPU milliseconds per request (/proc utime+stime delta) and, where the
 * subgraphs are behind it, the SQL statements the subgraphs sent per request.
 */
import { assertChildrenAlive, forkChild, type Child } from './children';
import { childEnv } from './bench-config';
import { cpuMillis } from './cpu';
import type { LoadJob, LoadResult } from './processes/load-main';
import { spread, type Spread } from './stats';

export interface Target {
  name: string;
  /** What it is: a gateway under test, or a limit (the bare subgraph, bare PostgreSQL, …). */
  role: 'gateway' | 'limit';
  /** The process whose CPU is charged to it (undefined: not measured, e.g. PostgreSQL itself). */
  pid?: number;
  /** False when the target does not go through the subgraphs (bare PostgreSQL): no SQL count. */
  throughSubgraphs?: boolean;
  /** Runs load for `seconds` and reports the load generator's view. */
  run: (seconds: number) => Promise<LoadResult>;
}

export interface RunRecord extends LoadResult {
  round: number;
  cpuMsPerRequest?: number;
  /** CPU ms of the subgraphs and PostgreSQL per request (what every gateway's answer also costs). */
  backendCpuMsPerRequest?: number;
  statementsPerRequest?: number;
}

export interface TargetSummary {
  target: string;
  role: Target['role'];
  runs: RunRecord[];
  rps: Spread;
  p50: Spread;
  p99: Spread;
  cpuMsPerRequest?: Spread;
  backendCpuMsPerRequest?: Spread;
  statementsPerRequest?: Spread;
}

export interface Method {
  rounds: number;
  seconds: number;
  warmupSeconds: number;
  connections: number;
}

const say = (message: string) => process.stderr.write(`[bench] ${message}\n`);

let loadProcess: Child | undefined;

/** The load generator process (started once, reused). */
export async function loadGenerator(): Promise<Child> {
  loadProcess ??= await forkChild('load generator', 'load-main.ts', [], childEnv({}));
  return loadProcess;
}

/** An HTTP GraphQL target driven by autocannon with per-request bodies. */
export function httpTarget(
  name: string,
  role: Target['role'],
  job: Omit<LoadJob, 'seconds'>,
  pid?: number,
): Target {
  return {
    name,
    role,
    pid,
    run: async (seconds) => {
      const load = await loadGenerator();
      const answer = await load.ask({ type: 'run', job: { ...job, seconds } }, 'result');
      return answer.result as LoadResult;
    },
  };
}

/** What the stack behind the gateways can tell about each run. */
export interface Backend {
  statements: () => Promise<number>;
  backendCpuMillis: () => number;
}

export async function measure(
  targets: Target[],
  method: Method,
  backend?: Backend,
): Promise<TargetSummary[]> {
  const statements = backend?.statements;
  for (const target of targets) {
    say(`warm-up ${target.name} (${method.warmupSeconds} s, discarded)`);
    await target.run(method.warmupSeconds);
  }
  const runs = new Map<string, RunRecord[]>(targets.map((t) => [t.name, []]));
  for (let round = 1; round <= method.rounds; round++) {
    for (const target of targets) {
      assertChildrenAlive();
      const cpuBefore = target.pid ? cpuMillis(target.pid) : 0;
      const statementsBefore = statements ? await statements() : 0;
      const backendBefore = backend?.backendCpuMillis() ?? 0;
      const result = await target.run(method.seconds);
      const cpuAfter = target.pid ? cpuMillis(target.pid) : 0;
      const backendAfter = backend?.backendCpuMillis() ?? 0;
      const statementsAfter = statements ? await statements() : 0;
      const perRequest = (n: number) => (result.requests > 0 ? n / result.requests : NaN);
      const record: RunRecord = {
        ...result,
        round,
        cpuMsPerRequest: target.pid ? perRequest(cpuAfter - cpuBefore) : undefined,
        // Only through the subgraphs: a target that opens its own PostgreSQL connections takes their
        // CPU with it when they close, so the sum over live processes would not hold it.
        backendCpuMsPerRequest:
          backend && target.throughSubgraphs !== false ? perRequest(backendAfter - backendBefore) : undefined,
        statementsPerRequest:
          statements && target.throughSubgraphs !== false
            ? perRequest(statementsAfter - statementsBefore)
            : undefined,
      };
      (runs.get(target.name) as RunRecord[]).push(record);
      say(
        `round ${round} ${target.name}: ${result.rps.toFixed(0)} rps, p50 ${result.p50} ms, p99 ${result.p99} ms` +
          (record.cpuMsPerRequest !== undefined ? `, ${record.cpuMsPerRequest.toFixed(2)} cpu ms/req` : '') +
          (record.backendCpuMsPerRequest !== undefined
            ? `, ${record.backendCpuMsPerRequest.toFixed(2)} backend cpu ms/req`
            : '') +
          (record.statementsPerRequest !== undefined
            ? `, ${record.statementsPerRequest.toFixed(2)} SQL/req`
            : '') +
          (result.errors + result.non2xx + result.timeouts + result.graphqlErrors > 0
            ? ` (errors ${result.errors}, non-2xx ${result.non2xx}, timeouts ${result.timeouts}, GraphQL errors ${result.graphqlErrors})`
            : ''),
      );
    }
  }
  return targets.map((target) => {
    const records = runs.get(target.name) as RunRecord[];
    const pick = (f: (r: RunRecord) => number | undefined) => {
      const values = records.map(f).filter((v): v is number => v !== undefined);
      return values.length ? spread(values) : undefined;
    };
    return {
      target: target.name,
      role: target.role,
      runs: records,
      rps: spread(records.map((r) => r.rps)),
      p50: spread(records.map((r) => r.p50)),
      p99: spread(records.map((r) => r.p99)),
      cpuMsPerRequest: pick((r) => r.cpuMsPerRequest),
      backendCpuMsPerRequest: pick((r) => r.backendCpuMsPerRequest),
      statementsPerRequest: pick((r) => r.statementsPerRequest),
    };
  });
}

let pgLoopProcess: Child | undefined;

/** The bare-PostgreSQL limit: a tight loop of one prepared statement, in its own process. */
export function pgLoopTarget(
  name: string,
  job: Omit<import('./processes/pg-loop-main').PgLoopJob, 'seconds'>,
): Target {
  return {
    name,
    role: 'limit',
    throughSubgraphs: false,
    run: async (seconds) => {
      pgLoopProcess ??= await forkChild('pg loop', 'pg-loop-main.ts', [], childEnv({}));
      const answer = await pgLoopProcess.ask({ type: 'run', job: { ...job, seconds } }, 'result');
      return answer.result as LoadResult;
    },
  };
}
