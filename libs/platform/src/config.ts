import { z } from 'zod';
import { jwksSourceSchema } from './tokens';

/** Settings every process of the federation shares. Services extend this with their own. */
export const baseConfigSchema = z.object({
  NODE_ENV: z
    .enum(['development', 'test', 'production'])
    .default('development')
    .describe('`production` turns off introspection'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe('`fatal` `error` `warn` `info` `debug` `trace` `silent`'),
  DATABASE_URL: z
    .string()
    .url()
    .default('postgres://postgres@127.0.0.1:5432/jianguan')
    .describe('the service\'s runtime role (docs/security.md, "Database roles"); only its own schema'),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379').describe('queues and schedules (BullMQ)'),
  QUEUE_PREFIX: z
    .string()
    .min(1)
    .default('jianguan')
    .describe('prefix of every BullMQ key, so deployments (or test files) can share one Redis'),
  JWT_JWKS: jwksSourceSchema.describe(
    "the token issuer's public keys: a JWKS, its file or its URL (this process verifies, it never signs)",
  ),
  JWT_ISSUER: z.string().min(1).default('jianguan').describe('expected `iss`'),
  JWT_AUDIENCE: z.string().min(1).default('jianguan').describe('expected `aud`'),
  JWT_MAX_LIFETIME: z.coerce
    .number()
    .int()
    .positive()
    .default(43_200)
    .describe('seconds (12 h); tokens living longer (`exp` − `iat`) are refused'),
});
export type BaseConfig = z.infer<typeof baseConfigSchema>;

/** `OPERATIONS_PORT` of a server (a subgraph, the gateway): unset, see operationsPortOf below. */
export const operationsPortSchema = z.coerce.number().int().min(0).max(65535).optional();

/**
 * What every subgraph needs on top of the base: where it listens, the gateway's secret for it, and
 * what its worker and data source share.
 */
export const subgraphConfigSchema = baseConfigSchema.extend({
  HOST: z.string().default('127.0.0.1').describe('listen address (`0.0.0.0` in containers)'),
  PORT: z.coerce.number().int().min(0).max(65535).describe('listen port of the subgraph'),
  SUBGRAPH_SECRET: z
    .string()
    .min(16, 'SUBGRAPH_SECRET must be at least 16 characters')
    .describe(
      'what the gateway must send in `x-subgraph-secret` (≥ 16 characters); requests without it are refused',
    ),
  SHUTDOWN_GRACE_SECONDS: z.coerce
    .number()
    .positive()
    .default(10)
    .describe('seconds for in-flight requests and jobs to finish on SIGTERM'),
  OPERATIONS_PORT: operationsPortSchema.describe(
    '`/metrics`, `/healthz`, `/readyz` for Prometheus only; unset: `PORT` + 5200 (registry 9201 …), `0`: a free port',
  ), // Every service's worker relays its outbox and every server pools connections: one definition here.
  OUTBOX_POLL_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(2000)
    .describe('outbox relay poll (ms) when no NOTIFY arrives'),
  DATABASE_POOL_SIZE: z.coerce
    .number()
    .int()
    .positive()
    .default(10)
    .describe('database connections per server process'),
});
export type SubgraphConfig = z.infer<typeof subgraphConfigSchema>;

/**
 * `WORKER_PORT`: where a service's worker serves `/healthz`, `/readyz` and `/metrics` (on `HOST`).
 * Each service has its own default so the launcher can run all workers on one machine; 0 picks a
 * free port (tests).
 */
export const workerPortSchema = (defaultPort: number) =>
  z.coerce
    .number()
    .int()
    .min(0)
    .max(65535)
    .default(defaultPort)
    .describe("the worker's `/healthz` `/readyz` `/metrics`; `0`: a free port");

/**
 * `OPERATIONS_PORT`: where a server (the gateway, a subgraph) serves `/metrics`, `/healthz` and
 * `/readyz` for Prometheus and the orchestrator, apart from its public port, which has no
 * `/metrics`. Unset: PORT + 5200 (gateway 9200, registry 9201 … public-list 9205), or a free port
 * when PORT is 0 (tests).
 */
export const operationsPortOf = (config: { PORT: number; OPERATIONS_PORT?: number }): number =>
  config.OPERATIONS_PORT ?? (config.PORT === 0 ? 0 : config.PORT + 5200);

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
}

/**
 * Parses configuration once, failing fast with every problem listed.
 * `env` defaults to the process environment; tests pass a plain object.
 */
export function parseConfig<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
): z.infer<S> {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    );
  }
  return result.data;
}
