/**
 * The development launcher's configuration (`pnpm start`, `pnpm token`): parsed once from the
 * environment with zod, plus the development secrets that are generated on first use and kept in
 * `.data/dev-secrets.json`, so a token minted by `pnpm token` in another shell is accepted by the
 * running stack. Nothing here is meant for production: there every secret comes from the environment.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { newSigningKeyPair, publicJwkOf, type SigningKey } from '@jianguan/platform';

export const REPO_ROOT = path.resolve(__dirname, '..');

/** Treats `VAR=` (empty) like an unset variable, as shells and compose files often produce it. */
const unsetIfEmpty = (value: unknown) => (value === '' ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(unsetIfEmpty, schema.optional());
/** A setting with a default, which an empty value also gets. */
const orDefault = <T extends z.ZodType>(schema: z.ZodDefault<T>) => z.preprocess(unsetIfEmpty, schema);

const port = z.coerce.number().int().min(1).max(65535);

/** What token signing needs; `pnpm token` reads only this part. */
export const jwtEnvSchema = z.object({
  JWT_SIGNING_KEY_FILE: optional(z.string().min(1)).describe(
    "the issuer's private JWK with `kid` (`pnpm keys`); unset: a key generated once into `.data/dev-secrets.json`. Services get only its public key",
  ),
  JWT_ISSUER: orDefault(z.string().min(1).default('jianguan')).describe('`iss` of the tokens'),
  JWT_AUDIENCE: orDefault(z.string().min(1).default('jianguan')).describe('`aud` of the tokens'),
  JIANGUAN_DATA_DIR: orDefault(z.string().min(1).default('.data'))
    .transform((dir) => path.resolve(REPO_ROOT, dir))
    .describe(
      'where the launcher keeps its state: embedded PostgreSQL, a spawned Redis, the development secrets (relative to the repository)',
    ),
});

export const launcherEnvSchema = jwtEnvSchema.extend({
  NODE_ENV: orDefault(z.enum(['development', 'test', 'production']).default('development')).describe(
    'passed to every service',
  ),
  LOG_LEVEL: orDefault(
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ).describe('passed to every service'),
  DATABASE_URL: optional(z.string().url()).describe(
    'an administrator (may create roles), database created if missing; unset: an embedded PostgreSQL under `.data/postgres`',
  ),
  REDIS_URL: optional(z.string().url()).describe(
    'an existing Redis; unset: `localhost:6379` if it answers, else a spawned `redis-server` from PATH',
  ),
  QUEUE_PREFIX: orDefault(z.string().min(1).default('jianguan')).describe('passed to every service'),
  HOST: orDefault(z.string().min(1).default('127.0.0.1')).describe('where the gateway and subgraphs listen'),
  GATEWAY_PORT: orDefault(port.default(4000)).describe(
    "the gateway's port (subgraphs use their default ports)",
  ),
  EMBEDDED_POSTGRES_PORT: optional(port).describe(
    'port of the embedded PostgreSQL; unset: 5432 if free, else any free port',
  ),
  EMBEDDED_REDIS_PORT: optional(port).describe(
    'port of a spawned `redis-server`; unset: 6379 if free, else any free port',
  ),
  SHUTDOWN_GRACE_SECONDS: orDefault(z.coerce.number().positive().default(10)).describe(
    'passed to every service',
  ),
});

export type JwtEnv = z.infer<typeof jwtEnvSchema>;
export type LauncherEnv = z.infer<typeof launcherEnvSchema>;

/** An expected failure with a message that says what to do; printed without a stack trace. */
export class LauncherError extends Error {}

function parse<S extends z.ZodType>(schema: S, env: Record<string, string | undefined>): z.infer<S> {
  const result = schema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new LauncherError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  return result.data;
}

export const loadLauncherEnv = (env: Record<string, string | undefined> = process.env): LauncherEnv =>
  parse(launcherEnvSchema, env);

export const loadJwtEnv = (env: Record<string, string | undefined> = process.env): JwtEnv =>
  parse(jwtEnvSchema, env);

/** `online-course-filing` → `ONLINE_COURSE_FILING`, as in `SUBGRAPH_ONLINE_COURSE_FILING_URL`. */
export const subgraphEnvName = (subgraph: string) => subgraph.toUpperCase().replace(/-/g, '_');

/** `SUBGRAPH_<NAME>_SECRET` from the environment, validated like the subgraph's own config does. */
export function subgraphSecretFromEnv(
  subgraph: string,
  env: Record<string, string | undefined> = process.env,
): string | undefined {
  const variable = `SUBGRAPH_${subgraphEnvName(subgraph)}_SECRET`;
  const value = unsetIfEmpty(env[variable]) as string | undefined;
  if (value !== undefined && value.length < 16) {
    throw new LauncherError(`Invalid configuration:\n  ${variable}: must be at least 16 characters`);
  }
  return value;
}

/** A private signing key: Ed25519 or P-256, with the `kid` its tokens name. */
const privateJwkSchema = z.looseObject({
  kid: z.string().min(1),
  kty: z.enum(['OKP', 'EC']),
  crv: z.enum(['Ed25519', 'P-256']),
  x: z.string().min(1),
  d: z.string().min(1),
});

const devSecretsSchema = z.object({
  /** The development issuer's private key; the services get only its public half. */
  jwtSigningKey: privateJwkSchema.optional(),
  /** Per subgraph: what the gateway sends in `x-subgraph-secret`. */
  subgraphSecrets: z.record(z.string(), z.string().min(16)).default({}),
  /** Password of the `postgres` user of the embedded cluster (set when the cluster is created). */
  postgresPassword: z.string().min(16).optional(),
  /** Per database role (each service's owner and runtime role, scripts/dev-roles.ts): its password. */
  databaseRolePasswords: z.record(z.string(), z.string().min(16)).default({}),
});
export type DevSecrets = z.infer<typeof devSecretsSchema>;

const newSecret = () => randomBytes(32).toString('base64url');

export const devSecretsPath = (dataDir: string) => path.join(dataDir, 'dev-secrets.json');

function readDevSecrets(file: string): DevSecrets | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new LauncherError(`${file} is not valid JSON; delete it to generate new development secrets`);
  }
  const result = devSecretsSchema.safeParse(json);
  if (!result.success) {
    throw new LauncherError(`${file} is malformed; delete it to generate new development secrets`);
  }
  return result.data;
}

/**
 * The development secrets, created on first use (readable by the owner only). `subgraphs`,
 * `postgresPassword` and `databaseRoles` add what is missing, so a new subgraph gets its secret
 * without disturbing the rest.
 */
export function loadDevSecrets(
  dataDir: string,
  ensure: { subgraphs?: string[]; postgresPassword?: boolean; databaseRoles?: string[] } = {},
): DevSecrets {
  const file = devSecretsPath(dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  let secrets = readDevSecrets(file);
  if (!secrets) {
    try {
      // `wx`: when two shells start at once, the first writer wins and the other reads its file.
      fs.writeFileSync(
        file,
        JSON.stringify({ jwtSigningKey: newSigningKeyPair().privateJwk, subgraphSecrets: {} }, null, 2) +
          '\n',
        {
          flag: 'wx',
          mode: 0o600,
        },
      );
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    secrets = readDevSecrets(file) as DevSecrets;
  }
  let changed = false;
  // A file from before tokens were signed asymmetrically has a shared secret instead: replace it.
  if (!secrets.jwtSigningKey) {
    secrets.jwtSigningKey = newSigningKeyPair().privateJwk as DevSecrets['jwtSigningKey'];
    changed = true;
  }
  for (const subgraph of ensure.subgraphs ?? []) {
    if (!secrets.subgraphSecrets[subgraph]) {
      secrets.subgraphSecrets[subgraph] = newSecret();
      changed = true;
    }
  }
  for (const role of ensure.databaseRoles ?? []) {
    if (!secrets.databaseRolePasswords[role]) {
      secrets.databaseRolePasswords[role] = newSecret();
      changed = true;
    }
  }
  if (ensure.postgresPassword && !secrets.postgresPassword) {
    secrets.postgresPassword = newSecret();
    changed = true;
  }
  if (changed) {
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify(secrets, null, 2) + '\n', { mode: 0o600 });
    fs.renameSync(temporary, file);
  }
  return secrets;
}

function readSigningKeyFile(file: string): DevSecrets['jwtSigningKey'] {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new LauncherError(
      `JWT_SIGNING_KEY_FILE: cannot read ${file} as JSON (${(error as Error).message})`,
    );
  }
  const result = privateJwkSchema.safeParse(json);
  if (!result.success) {
    throw new LauncherError(
      `JWT_SIGNING_KEY_FILE: ${file} is not a private Ed25519 or P-256 JWK with a kid (make one with \`pnpm keys\`)`,
    );
  }
  return result.data;
}

/**
 * The key tokens are signed with: the private JWK in `JWT_SIGNING_KEY_FILE` when set, otherwise the
 * development key in `.data/dev-secrets.json` (made on first use). `devSecrets`: already loaded.
 */
export function resolveSigningKey(env: JwtEnv, devSecrets?: DevSecrets): SigningKey {
  const privateJwk = env.JWT_SIGNING_KEY_FILE
    ? readSigningKeyFile(env.JWT_SIGNING_KEY_FILE)
    : (devSecrets ?? loadDevSecrets(env.JIANGUAN_DATA_DIR)).jwtSigningKey;
  return {
    privateJwk: privateJwk as SigningKey['privateJwk'],
    issuer: env.JWT_ISSUER,
    audience: env.JWT_AUDIENCE,
  };
}

/** The verifiers' `JWT_JWKS` for a signing key: its public half alone. */
export const jwksOf = (key: SigningKey): string => JSON.stringify({ keys: [publicJwkOf(key.privateJwk)] });

/**
 * `pnpm migrate` needs the database, as an administrator that may create roles, and the data folder
 * whose dev-secrets.json keeps the services' role passwords.
 */
export const parseMigrateEnv = (env: Record<string, string | undefined> = process.env) =>
  z
    .object({
      DATABASE_URL: z.string({ error: 'DATABASE_URL is required' }).url('DATABASE_URL must be a URL'),
      JIANGUAN_DATA_DIR: jwtEnvSchema.shape.JIANGUAN_DATA_DIR,
    })
    .safeParse(env);

/** Where the launcher looks for a `redis-server` to start. */
export const executableSearchPath = (env: Record<string, string | undefined> = process.env): string[] =>
  (env.PATH ?? '').split(path.delimiter).filter(Boolean);

/** Everything in the launcher's environment, passed through to the services it starts. */
export const passThroughEnv = (env: Record<string, string | undefined> = process.env) => ({ ...env });
