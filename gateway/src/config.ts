import { readFileSync } from 'node:fs';
import path from 'node:path';
import proxyAddr from 'proxy-addr';
import { z } from 'zod';
import { baseConfigSchema, ConfigError, operationsPortSchema, parseConfig } from '@jianguan/platform';
import { subgraphsOf, subgraphSecretVariable, subgraphUrlVariable } from './supergraph';

/** The supergraph `pnpm compose` writes and the lead commits. */
export const DEFAULT_SUPERGRAPH_PATH = path.resolve(__dirname, '..', 'supergraph.graphql');

/** Settings that do not depend on which subgraphs the supergraph names. */
export const gatewayEnvSchema = baseConfigSchema
  .pick({
    NODE_ENV: true,
    LOG_LEVEL: true,
    JWT_JWKS: true,
    JWT_ISSUER: true,
    JWT_AUDIENCE: true,
    JWT_MAX_LIFETIME: true,
  })
  .extend({
    HOST: z.string().min(1).default('127.0.0.1').describe('listen address'),
    PORT: z.coerce.number().int().min(0).max(65535).default(4000).describe('listen port'),
    OPERATIONS_PORT: operationsPortSchema.describe(
      '`/metrics`, `/healthz`, `/readyz` for Prometheus only (not on `PORT`); unset: `PORT` + 5200 (9200)',
    ),
    SUPERGRAPH_PATH: z
      .string()
      .min(1)
      .default(DEFAULT_SUPERGRAPH_PATH)
      .describe('the composed supergraph it routes by'),
    SHUTDOWN_GRACE_SECONDS: z.coerce
      .number()
      .positive()
      .default(10)
      .describe('seconds for in-flight requests to finish on SIGTERM'),
    REDIS_URL: z
      .url({ protocol: /^rediss?$/ })
      .optional()
      .describe(
        "public-list's change announcements (each one checked with public-list), for the answer cache, and rate-limit counts; unset: no answers are kept",
      ),
    QUEUE_PREFIX: z.string().min(1).default('jianguan').describe('the prefix public-list announces under'),
    DEDUPLICATE_SUBGRAPH_FETCHES: z
      .enum(['true', 'false'])
      .default('true')
      .transform((value) => value === 'true')
      .describe('identical concurrent subgraph queries of one caller go out once (`false` turns it off)'),
    ENTITY_BATCH_WINDOW_MS: z.coerce
      .number()
      .min(0)
      .max(50)
      .default(2)
      .describe(
        "one caller's entity fetches to a subgraph arriving within this many ms go out as one call (`0` turns it off)",
      ),
    PUBLIC_ANSWER_CACHE_MB: z.coerce
      .number()
      .min(0)
      .default(64)
      .describe('memory (MiB) for kept anonymous answers (`0` turns the cache off)'),
    SUBGRAPH_TIMEOUT_MS: z.coerce
      .number()
      .int()
      .min(100)
      .default(5000)
      .describe(
        'time one subgraph call may take; then its fields are null with `SUBGRAPH_UNAVAILABLE` (at least `100`)',
      ),
    SUBGRAPH_BREAKER_FAILURES: z.coerce
      .number()
      .int()
      .min(1)
      .default(3)
      .describe(
        'subgraph calls in a row without an answer (timeout, refused connection) that mark the subgraph down: its fields are then answered at once',
      ),
    SUBGRAPH_BREAKER_RESET_MS: z.coerce
      .number()
      .int()
      .min(100)
      .default(10_000)
      .describe('how long a subgraph marked down is not called before one call probes whether it is back'),
    RATE_LIMIT_ANONYMOUS_REQUESTS: z.coerce
      .number()
      .int()
      .min(0)
      .default(600)
      .describe(
        'requests without a token one client address may send per window (`0`: no limit); over it, 429 with `Retry-After`',
      ),
    RATE_LIMIT_ANONYMOUS_WINDOW_SECONDS: z.coerce
      .number()
      .int()
      .positive()
      .default(60)
      .describe(
        'that window; counts are kept in `REDIS_URL`, shared by every replica (without it, in the process)',
      ),
    RATE_LIMIT_FAILED_AUTH: z.coerce
      .number()
      .int()
      .min(0)
      .default(20)
      .describe(
        "refused tokens (401) after which an address's requests with a token get 429 until the window ends (`0`: off)",
      ),
    RATE_LIMIT_FAILED_AUTH_WINDOW_SECONDS: z.coerce
      .number()
      .int()
      .positive()
      .default(600)
      .describe('that window'),
    TRUSTED_PROXIES: z
      .string()
      .default('')
      .transform((value) =>
        value
          .split(',')
          .map((entry) => entry.trim())
          .filter(Boolean),
      )
      .refine(compilesAsProxyList, 'must be addresses, CIDR ranges, loopback, linklocal or uniquelocal')
      .describe(
        "proxies whose `X-Forwarded-For` is believed, comma-separated: addresses, CIDRs, `loopback`, `linklocal`, `uniquelocal` (docs/security.md); empty: the connection's peer is the client",
      ),
  });

function compilesAsProxyList(entries: string[]): boolean {
  try {
    proxyAddr.compile(entries);
    return true;
  } catch {
    return false;
  }
}

export interface SubgraphEndpoint {
  name: string;
  url: string;
  /** Sent in `x-subgraph-secret`; each subgraph has its own, so one leaked secret opens one subgraph. */
  secret: string;
}

export type GatewayConfig = z.infer<typeof gatewayEnvSchema> & {
  supergraphSdl: string;
  subgraphs: SubgraphEndpoint[];
};

/** `VAR=` (empty) counts as unset, as compose files and shells often produce it. */
const withoutEmpty = (env: Record<string, string | undefined>) =>
  Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));

function readSupergraph(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new ConfigError([`SUPERGRAPH_PATH: cannot read ${file} (${reason}); run \`pnpm compose\``]);
  }
}

/**
 * Per subgraph of the supergraph: an optional URL override and a required secret
 * (docs/environment.md renders them for the name `<name>`).
 */
export function subgraphVariables(names: string[]) {
  const shape: Record<string, z.ZodType> = {};
  for (const name of names) {
    shape[subgraphUrlVariable(name)] = z
      .url({ protocol: /^https?$/ })
      .optional()
      .describe('per subgraph, e.g. `SUBGRAPH_REGISTRY_URL`; unset: the URL recorded in the supergraph');
    shape[subgraphSecretVariable(name)] = z
      .string({
        error: (issue) =>
          issue.input === undefined
            ? `missing (the secret the "${name}" subgraph expects in x-subgraph-secret)`
            : undefined,
      })
      .min(16, 'must be at least 16 characters')
      .describe(
        'what the gateway sends the subgraph in `x-subgraph-secret` (≥ 16 characters), e.g. `SUBGRAPH_ONLINE_COURSE_FILING_SECRET` (`-` becomes `_`)',
      );
  }
  return shape;
}

/**
 * Parses the gateway's configuration once: the fixed settings, then one URL and one secret per
 * subgraph that the supergraph names. Every problem (e.g. each missing secret) is listed at once.
 */
export function loadGatewayConfig(env: Record<string, string | undefined> = process.env): GatewayConfig {
  const given = withoutEmpty(env);
  const supergraphPath = path.resolve(given.SUPERGRAPH_PATH ?? DEFAULT_SUPERGRAPH_PATH);
  const supergraphSdl = readSupergraph(supergraphPath);
  let declared: ReturnType<typeof subgraphsOf>;
  try {
    declared = subgraphsOf(supergraphSdl);
  } catch (error) {
    throw new ConfigError([
      `SUPERGRAPH_PATH: ${supergraphPath} is not a usable supergraph: ${(error as Error).message}`,
    ]);
  }
  const schema = gatewayEnvSchema.extend(subgraphVariables(declared.map((subgraph) => subgraph.name)));
  const parsed: Record<string, unknown> = parseConfig(schema, given);
  const subgraphs = declared.map((subgraph) => ({
    name: subgraph.name,
    url: (parsed[subgraphUrlVariable(subgraph.name)] as string | undefined) ?? subgraph.url,
    secret: parsed[subgraphSecretVariable(subgraph.name)] as string,
  }));
  const fixed = Object.fromEntries(
    Object.keys(gatewayEnvSchema.shape).map((key) => [key, parsed[key]]),
  ) as z.infer<typeof gatewayEnvSchema>;
  return { ...fixed, SUPERGRAPH_PATH: supergraphPath, supergraphSdl, subgraphs };
}
