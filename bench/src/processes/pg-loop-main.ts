/**
 * The PostgreSQL limit for the public lookup: `connections` clients each running the lookup's
 * indexed statement as a named prepared statement in a tight loop, nothing else.
 */
import { Client } from 'pg';
import { failChild, sendToParent, type ParentMessage } from './ipc';
import type { LoadResult } from './load-main';

export interface PgLoopJob {
  databaseUrl: string;
  /** Run in turn, each as a named prepared statement. */
  statements: { name: string; sql: string; values: unknown[] }[];
  connections: number;
  seconds: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;

async function run(job: PgLoopJob): Promise<LoadResult> {
  const clients = await Promise.all(
    Array.from({ length: job.connections }, async () => {
      const client = new Client({ connectionString: job.databaseUrl });
      await client.connect();
      // After five runs PostgreSQL may switch a prepared statement to a generic plan, which cannot use
      // the trigram index for a LIKE pattern that is a parameter; the subgraph's unnamed statements
      // are planned with their values every time, so the limit must be too.
      await client.query('SET plan_cache_mode = force_custom_plan');
      return client;
    }),
  );
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const started = performance.now();
  const until = started + job.seconds * 1000;
  await Promise.all(
    clients.map(async (client) => {
      while (performance.now() < until) {
        const statement = job.statements[next % job.statements.length];
        next += 1;
        const t0 = performance.now();
        try {
          await client.query({ name: statement.name, text: statement.sql, values: statement.values });
        } catch {
          errors += 1;
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  await Promise.all(clients.map((c) => c.end()));
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    rps: latencies.length / elapsed,
    p50: Math.round(percentile(latencies, 50) * 100) / 100,
    p99: Math.round(percentile(latencies, 99) * 100) / 100,
    errors,
    non2xx: 0,
    graphqlErrors: 0,
    timeouts: 0,
  };
}

process.on('message', (message: ParentMessage) => {
  if (message.type !== 'run') return;
  run(message.job as PgLoopJob).then((result) => sendToParent({ type: 'result', result }), failChild);
});
sendToParent({ type: 'ready' });
