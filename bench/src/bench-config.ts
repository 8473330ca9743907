/**
 * The benchmark's settings, parsed once from the environment with zod. Every process the bench
 * starts gets its environment from here (childEnv), never from process.env directly.
 */
import { z } from 'zod';
import { newSigningKeyPair, type SigningKey } from '@jianguan/platform';

const schema = z.object({
  /** The server the bench creates its own database on (it never touches other databases). */
  BENCH_DATABASE_URL: z.string().url().default('postgres://postgres@127.0.0.1:5432/postgres'),
  BENCH_DATABASE_NAME: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, 'a lower-case SQL identifier')
    .default('jianguan_bench'),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  /** Queue prefix of this run, so the shared Redis is never flushed. */
  BENCH_QUEUE_PREFIX: z.string().min(1).default(`bench-${process.pid}`),
  BENCH_BASE_PORT: z.coerce.number().int().min(1024).max(60000).default(4600),
  /**
   * Extra settings for Jianguan's gateway as JSON, to measure one optimisation against its absence,
   * e.g. `{"PUBLIC_ANSWER_CACHE_MB":"0","DEDUPLICATE_SUBGRAPH_FETCHES":"false"}`.
   */
  BENCH_JIANGUAN_ENV: z
    .string()
    .default('{}')
    .transform((text) => z.record(z.string(), z.string()).parse(JSON.parse(text))),
  PATH: z.string().default('/usr/local/bin:/usr/bin:/bin'),
  HOME: z.string().default('/tmp'),
});

export const benchConfig = schema.parse(process.env);
export type BenchConfig = typeof benchConfig;

/** The run's token issuer: a key pair made fresh each run; the processes get the public key only. */
const runKeyPair = newSigningKeyPair('bench');
export const runSigningKey: SigningKey = {
  privateJwk: runKeyPair.privateJwk,
  issuer: 'jianguan',
  audience: 'jianguan',
};
export const runJwks = JSON.stringify({ keys: [runKeyPair.publicJwk] });

/** Environment for a child process: only what it needs, plus what the bench sets. */
export const childEnv = (extra: Record<string, string | undefined>): Record<string, string> => {
  const env: Record<string, string> = {
    PATH: benchConfig.PATH,
    HOME: benchConfig.HOME,
    SWCRC: 'true',
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
  };
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) env[key] = value;
  return env;
};

/** The database URL of the bench's own database. */
export const benchDatabaseUrl = (() => {
  const url = new URL(benchConfig.BENCH_DATABASE_URL);
  url.pathname = `/${benchConfig.BENCH_DATABASE_NAME}`;
  return url.toString();
})();
