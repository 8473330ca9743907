import { readFileSync } from 'node:fs';
import path from 'node:path';
import proxyAddr from 'proxy-addr';
import { z } from 'zod';
import { baseConfigSchema, ConfigError, parseConfig } from '@jianguan/platform';
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
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    /** `/metrics` (and the probes) for Prometheus only; unset: PORT + 5200 (see operationsPortOf). */
    OPERATIONS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    SUPERGRAPH_PATH: z.string().min(1).default(DEFAULT_SUPERGRAPH_PATH),
    /** Seconds to let in-flight requests finish on SIGTERM. */
    SHUTDOWN_GRACE_SECONDS: z.coerce.number().positive().default(10),
    /**
     * Redis where public-list announces list changes. With it, anonymous cacheable answers are kept
     * until the next change; without it the gateway keeps no answers.
     */
    REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
    QUEUE_PREFIX: z.string().min(1).default('jianguan'),
    /** Identical concurrent subgraph queries of one caller are sent once (`false` turns it off). */
    DEDUPLICATE_SUBGRAPH_FETCHES: z
      .enum(['true', 'false'])
      .default('true')
      .transform((value) => value === 'true'),
    /**
     * One caller's entity fetches to the same subgraph that arrive within this many milliseconds
     * go out as one call (0 turns it off).
     */
    ENTITY_BATCH_WINDOW_MS: z.coerce.number().min(0).max(50).default(2),
    /** Memory for kept anonymous answers, in MiB (0 turns the cache off). */
    PUBLIC_ANSWER_CACHE_MB: z.coerce.number().min(0).default(64),
    /** Time one subgraph call may take before its fields are answered as unavailable, in ms. */
    SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).default(5000),
    /** Subgraph calls in a row without an answer (timeout, refused connection) that mark it down. */
    SUBGRAPH_BREAKER_FAILURES: z.coerce.number().int().min(1).default(3),
    /** How long a subgraph marked down is not called before one call probes it, in ms. */
    SUBGRAPH_BREAKER_RESET_MS: z.coerce.number().int().min(100).default(10_000),
    /** Requests without a token one client address may send per window (0 turns the limit off). */
    RATE_LIMIT_ANONYMOUS_REQUESTS: z.coerce.number().int().min(0).default(600),
    RATE_LIMIT_ANONYMOUS_WINDOW_SECONDS: z.coerce.number().int().positive().default(60),
    /** Refused tokens after which an address's signed-in requests wait out the window (0: off). */
    RATE_LIMIT_FAILED_AUTH: z.coerce.number().int().min(0).default(20),
    RATE_LIMIT_FAILED_AUTH_WINDOW_SECONDS: z.coerce.number().int().positive().default(600),
    /**
     * Proxies in front of the gateway whose X-Forwarded-For is believed, comma-separated: addresses,
     * CIDR ranges, or `loopback`, `linklocal`, `uniquelocal`. Empty: the connection's peer is the client.
     */
    TRUSTED_PROXIES: z
      .string()
      .default('')
      .transform((value) =>
        value
          .split(',')
          .map((entry) => entry.trim())
          .filter(Boolean),
      )
      .refine(compilesAsProxyList, 'must be addresses, CIDR ranges, loopback, linklocal or uniquelocal'),
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

/** Per subgraph of the supergraph: an optional URL override and a required secret. */
function subgraphVariables(names: string[]) {
  const shape: Record<string, z.ZodType> = {};
  for (const name of names) {
    shape[subgraphUrlVariable(name)] = z.url({ protocol: /^https?$/ }).optional();
    shape[subgraphSecretVariable(name)] = z
      .string({
        error: (issue) =>
          issue.input === undefined
            ? `missing (the secret the "${name}" subgraph expects in x-subgraph-secret)`
            : undefined,
      })
      .min(16, 'must be at least 16 characters');
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
