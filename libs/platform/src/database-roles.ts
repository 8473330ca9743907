/**
 * Each service's schema has two PostgreSQL roles: an **owner** that owns the schema and everything in
 * it and runs the migrations, and a **runtime** role the subgraph and the worker connect as, with only
 * SELECT, INSERT, UPDATE and DELETE on the schema's tables — INSERT and SELECT on its audit table,
 * nothing on any other schema, never TRUNCATE, never ownership (so no ALTER TABLE … DISABLE TRIGGER),
 * never superuser (so no `session_replication_role`). See docs/security.md, "Database roles".
 *
 * The roles' names and passwords are those of the connection URLs: `DATABASE_URL` (runtime) and
 * `DATABASE_OWNER_URL` (owner). `provisionServiceRoles` creates or updates them as an administrator
 * (idempotent); `migrateServiceDatabase` is the one sequence every caller runs: provision (when given
 * an admin URL), migrate as the owner, grant the runtime role its rights as the owner.
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { Client, escapeIdentifier, escapeLiteral } from 'pg';
import { AUDIT_TABLE } from './audit';

/** What provisioning and the grants need to know of a service. */
export interface ServiceSchema {
  /** Its own schema. */
  schema: string;
  /** Extensions its migrations use; created by the administrator (the owner may not). */
  extensions?: readonly string[];
  /** Runs the service's migrations against a URL (as whoever that URL connects as). */
  migrate: (databaseUrl: string) => Promise<void>;
}

/** A service's two connections; the role names and passwords are the URLs' user and password. */
export interface ServiceDatabaseUrls {
  /** The runtime role: the subgraph's and worker's `DATABASE_URL`. */
  runtimeUrl: string;
  /** The owner: migrations only (`DATABASE_OWNER_URL`). */
  ownerUrl: string;
}

/** Tables the runtime role may only add to and read (the append-only trigger guards them too). */
export const APPEND_ONLY_TABLES: readonly string[] = [AUDIT_TABLE];

/** The role a URL connects as. */
export const roleOf = (url: string) => decodeURIComponent(new URL(url).username);
const passwordOf = (url: string) => {
  const password = new URL(url).password;
  return password ? decodeURIComponent(password) : undefined;
};
const databaseOf = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1));

/** `url` with another user and password (same server, database and parameters). */
export function urlAs(url: string, role: string, password: string): string {
  const next = new URL(url);
  next.username = encodeURIComponent(role);
  next.password = encodeURIComponent(password);
  return next.toString();
}

/**
 * The roles `pnpm start` and the tests use: `<prefix>_<schema>_owner` and `<prefix>_<schema>`, with
 * the given passwords, on the server and database of `adminUrl`.
 */
export function derivedServiceUrls(
  adminUrl: string,
  schema: string,
  options: { prefix: string; ownerPassword: string; runtimePassword: string },
): ServiceDatabaseUrls {
  return {
    ownerUrl: urlAs(adminUrl, `${options.prefix}_${schema}_owner`, options.ownerPassword),
    runtimeUrl: urlAs(adminUrl, `${options.prefix}_${schema}`, options.runtimePassword),
  };
}

/**
 * The SCRAM-SHA-256 verifier PostgreSQL stores for a password (RFC 5802/7677, as libpq's
 * PQencryptPasswordConn builds it). Sending the verifier instead of the password keeps the password
 * out of the server's statement log and `pg_stat_activity`; no maintained npm package builds one.
 */
export function scramVerifier(password: string, salt = randomBytes(16), iterations = 4096): string {
  const salted = pbkdf2Sync(password.normalize('NFKC'), salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  const b64 = (buffer: Buffer) => buffer.toString('base64');
  return `SCRAM-SHA-256$${iterations}:${b64(salt)}$${b64(storedKey)}:${b64(serverKey)}`;
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => {});
  }
}

const DUPLICATE = new Set(['42710', '23505']);
/** Two provisioners changing one role at once: PostgreSQL's catalogue says "tuple concurrently updated". */
const CONCURRENT_UPDATE = 'XX000';

/** Creates the login role, or brings an existing one to the same attributes and password. */
async function ensureLoginRole(client: Client, role: string, password: string | undefined) {
  const { rows } = await client.query<{ superuser: boolean; me: boolean }>(
    'SELECT rolsuper AS superuser, rolname = current_user AS me FROM pg_roles WHERE rolname = $1',
    [role],
  );
  if (rows[0]?.superuser || rows[0]?.me) {
    // Taking superuser away from the administrator (or using it at run time) is never what was meant.
    throw new Error(
      `Role "${role}" is a superuser or the administrator itself; a service role must be a role of its own`,
    );
  }
  const attributes = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT PASSWORD ${
    password === undefined ? 'NULL' : escapeLiteral(scramVerifier(password))
  }`;
  for (let attempt = 1; ; attempt += 1) {
    try {
      const verb = rows.length === 0 && attempt === 1 ? 'CREATE' : 'ALTER';
      await client.query(`${verb} ROLE ${escapeIdentifier(role)} WITH ${attributes}`);
      return;
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      // Another provisioner (a parallel migration, a second test run) got there first: update it.
      if (attempt < 5 && (DUPLICATE.has(code) || code === CONCURRENT_UPDATE)) continue;
      throw error;
    }
  }
}

/**
 * As an administrator (a superuser, or a role with CREATEROLE that may SET ROLE to the owner):
 * creates or updates the service's owner and runtime roles, creates the service's schema owned by
 * the owner, hands the owner whatever an earlier superuser migration left in the schema, and creates
 * the extensions the service's migrations use. Safe to run again and in parallel.
 */
export async function provisionServiceRoles(
  adminUrl: string,
  service: Pick<ServiceSchema, 'schema' | 'extensions'>,
  urls: ServiceDatabaseUrls,
): Promise<void> {
  const owner = roleOf(urls.ownerUrl);
  const runtime = roleOf(urls.runtimeUrl);
  if (owner === runtime) throw new Error(`The owner and the runtime role of "${service.schema}" must differ`);
  const database = databaseOf(adminUrl);
  for (const url of [urls.ownerUrl, urls.runtimeUrl]) {
    if (databaseOf(url) !== database) {
      throw new Error(
        `The database URLs of "${service.schema}" must name the admin URL's database "${database}"`,
      );
    }
  }
  await withClient(adminUrl, async (client) => {
    await ensureLoginRole(client, owner, passwordOf(urls.ownerUrl));
    await ensureLoginRole(client, runtime, passwordOf(urls.runtimeUrl));
    const id = escapeIdentifier;
    await client.query('BEGIN');
    try {
      // One provisioner per database at a time (the Kubernetes Job runs the services side by side).
      await client.query(`SELECT pg_advisory_xact_lock(hashtext('jianguan:provision-roles'))`);
      for (const role of [owner, runtime]) {
        // Usually through PUBLIC; granted only where the database's owner took that away.
        const { rows } = await client.query<{ allowed: boolean }>(
          `SELECT has_database_privilege($1, current_database(), 'CONNECT') AS allowed`,
          [role],
        );
        if (!rows[0].allowed) await client.query(`GRANT CONNECT ON DATABASE ${id(database)} TO ${id(role)}`);
      }
      for (const extension of service.extensions ?? []) {
        await client.query(`CREATE EXTENSION IF NOT EXISTS ${id(extension)} WITH SCHEMA public`);
      }
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${id(service.schema)} AUTHORIZATION ${id(owner)}`);
      await client.query(`ALTER SCHEMA ${id(service.schema)} OWNER TO ${id(owner)}`);
      await handOverObjects(client, service.schema, owner);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    }
  });
}

/**
 * A schema migrated before the roles existed belongs to whoever migrated it (a superuser): every
 * table, view, sequence, function and type in it becomes the owner's, so the owner can migrate it
 * further and grant the runtime role. Sequences owned by a table follow their table.
 */
async function handOverObjects(client: Client, schema: string, owner: string) {
  const { rows } = await client.query<{ statement: string }>(
    `SELECT format('ALTER %s %s OWNER TO %I',
              CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW'
                             WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END,
              c.oid::regclass, $2::text) AS statement
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
        AND pg_get_userbyid(c.relowner) <> $2
        AND NOT (c.relkind = 'S' AND EXISTS (
          SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')))
     UNION ALL
     SELECT format('ALTER ROUTINE %s OWNER TO %I', p.oid::regprocedure, $2::text)
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = $1 AND pg_get_userbyid(p.proowner) <> $2
     UNION ALL
     SELECT format('ALTER TYPE %s OWNER TO %I', t.oid::regtype, $2::text)
       FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = $1 AND t.typtype IN ('e', 'd', 'r')
        AND pg_get_userbyid(t.typowner) <> $2`,
    [schema, owner],
  );
  for (const { statement } of rows) await client.query(statement);
}

/**
 * As the owner: the runtime role may use the schema and read and write its rows — now and for every
 * table a later migration creates (default privileges) — but only add to and read the append-only
 * tables. Nothing is granted on any other schema, and nothing beyond rows (no TRUNCATE, TRIGGER,
 * REFERENCES, no DDL).
 */
export async function grantRuntimeRights(
  ownerUrl: string,
  schema: string,
  runtimeRole: string,
): Promise<void> {
  const s = escapeIdentifier(schema);
  const runtime = escapeIdentifier(runtimeRole);
  await withClient(ownerUrl, async (client) => {
    await client.query('BEGIN');
    try {
      await client.query(`REVOKE ALL ON SCHEMA ${s} FROM PUBLIC`);
      await client.query(`GRANT USAGE ON SCHEMA ${s} TO ${runtime}`);
      await client.query(
        `ALTER DEFAULT PRIVILEGES IN SCHEMA ${s} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${runtime}`,
      );
      await client.query(
        `ALTER DEFAULT PRIVILEGES IN SCHEMA ${s} GRANT USAGE, SELECT ON SEQUENCES TO ${runtime}`,
      );
      await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${s} TO ${runtime}`);
      await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${s} TO ${runtime}`);
      for (const table of APPEND_ONLY_TABLES) {
        const { rows } = await client.query('SELECT to_regclass($1) AS found', [
          `${s}.${escapeIdentifier(table)}`,
        ]);
        if (rows[0]?.found) {
          await client.query(`REVOKE ALL ON ${s}.${escapeIdentifier(table)} FROM ${runtime}`);
          await client.query(`GRANT SELECT, INSERT ON ${s}.${escapeIdentifier(table)} TO ${runtime}`);
        }
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    }
  });
}

/**
 * The one way a service's database is brought up to date: with `adminUrl`, provision the roles and
 * schema first; then run the migrations as the owner; then grant the runtime role its rights.
 */
export async function migrateServiceDatabase(
  service: ServiceSchema,
  urls: ServiceDatabaseUrls & { adminUrl?: string },
): Promise<void> {
  if (urls.adminUrl) await provisionServiceRoles(urls.adminUrl, service, urls);
  await service.migrate(urls.ownerUrl);
  await grantRuntimeRights(urls.ownerUrl, service.schema, roleOf(urls.runtimeUrl));
}
