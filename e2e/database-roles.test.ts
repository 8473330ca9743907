/**
 * The audit log cannot be rewritten by the application: every subgraph connects as its schema's
 * runtime role (the URL the federation hands it), which may add to and read its audit table and
 * nothing more, and cannot see any other department's schema. See docs/security.md, "Database roles".
 */
import { Client } from 'pg';
import { migrateServiceDatabase, roleOf, scramVerifier, type ServiceDefinition } from '@jianguan/platform';
import { onServer, QINGHAI, testServiceUrls, tokenFor, validCreditCode } from '@jianguan/testing';
import { registryService } from '@jianguan/registry';
import { federationServices } from '@jianguan/federation';
import { REGISTER } from './support/registry-operations';
import { useFederationStack } from './support/stack';

const stack = useFederationStack({ services: federationServices });
const { federation, db: admin } = stack;

/** A session as the role the running service `service` connects with. */
async function asService(service: ServiceDefinition): Promise<Client> {
  const client = new Client({ connectionString: federation.envFor(service).DATABASE_URL });
  await client.connect();
  return stack.stopAtEnd(client, (session) => session.end().catch(() => {}));
}

/** The SQLSTATE a statement fails with, or 'succeeded'. */
async function outcome(client: Client, sql: string): Promise<string> {
  try {
    await client.query(sql);
    return 'succeeded';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

const INSUFFICIENT_PRIVILEGE = '42501';

beforeAll(async () => {
  // A real audit line: a grid worker registers an institution through the gateway.
  const officer = await tokenFor({ scopes: ['registry:write'], regionCode: QINGHAI.chengdong });
  const registered = await federation.query(
    REGISTER,
    {
      input: {
        name: '西宁审计培训学校',
        creditCode: validCreditCode(),
        kind: 'OFFLINE',
        category: 'SUBJECT',
        regionCode: QINGHAI.beiguanCommunity,
        address: '东关大街 1 号',
      },
    },
    officer,
  );
  expect(registered.errors).toBeUndefined();
});

describe('every service connects as its own runtime role', () => {
  test.each(federationServices.map((s) => [s.name, s] as const))(
    '%s is neither a superuser nor the owner of its schema, and owns nothing',
    async (_name, service) => {
      const role = roleOf(federation.envFor(service).DATABASE_URL);
      const { rows } = await admin.query<{ superuser: boolean; owns_schema: boolean; owned: number }>(
        `SELECT r.rolsuper AS superuser,
                pg_get_userbyid(n.nspowner) = r.rolname AS owns_schema,
                (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid) AS owned
           FROM pg_roles r, pg_namespace n WHERE r.rolname = $1 AND n.nspname = $2`,
        [role, service.schema],
      );
      expect(rows).toEqual([{ superuser: false, owns_schema: false, owned: 0 }]);
    },
  );
});

describe('the registry cannot rewrite its audit log', () => {
  let registry: Client;
  beforeAll(async () => {
    registry = await asService(registryService);
  });

  test('it can read and add audit lines (what its mutations need)', async () => {
    const { rows } = await registry.query<{ action: string }>(
      `SELECT action FROM registry.audit_record WHERE entity_type = 'Institution'`,
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(
      await outcome(
        registry,
        `INSERT INTO registry.audit_record (actor_id, actor_name, action, entity_type, entity_id)
         VALUES ('t', '测试', 'probe', 'Probe', 'p')`,
      ),
    ).toBe('succeeded');
  });

  test.each([
    ['update an audit line', `UPDATE registry.audit_record SET actor_name = '他人'`],
    ['delete an audit line', `DELETE FROM registry.audit_record`],
    ['truncate the audit table', `TRUNCATE registry.audit_record`],
    [
      'disable the append-only trigger',
      `ALTER TABLE registry.audit_record DISABLE TRIGGER audit_record_append_only`,
    ],
    ['disable every trigger', `ALTER TABLE registry.audit_record DISABLE TRIGGER ALL`],
    ['drop the append-only trigger', `DROP TRIGGER audit_record_append_only ON registry.audit_record`],
    ['switch triggers off for the session', `SET session_replication_role = replica`],
    ['create a table in its schema', `CREATE TABLE registry.shadow (id int)`],
    ['truncate another table of its own', `TRUNCATE registry.institution CASCADE`],
  ])('it cannot %s', async (_what, sql) => {
    expect(await outcome(registry, sql)).toBe(INSUFFICIENT_PRIVILEGE);
    const { rows } = await admin.query<{ lines: number; changed: number }>(
      `SELECT count(*)::int AS lines, count(*) FILTER (WHERE actor_name = '他人')::int AS changed
         FROM registry.audit_record`,
    );
    expect(rows[0].lines).toBeGreaterThan(0);
    expect(rows[0].changed).toBe(0);
  });
});

describe("no service can read another department's schema", () => {
  const pairs = federationServices.flatMap((reader) =>
    federationServices
      .filter((other) => other !== reader)
      .map((other) => [reader.name, other.schema, reader] as const),
  );
  test.each(pairs)('%s cannot read %s.audit_record', async (_name, otherSchema, reader) => {
    const client = await asService(reader);
    expect(await outcome(client, `SELECT count(*) FROM "${otherSchema}".audit_record`)).toBe(
      INSUFFICIENT_PRIVILEGE,
    );
  });
});

describe('provisioning', () => {
  test('sends passwords as the SCRAM-SHA-256 verifier PostgreSQL itself would store, never in clear', async () => {
    const role = `jg_test_scram_${process.pid}`;
    await admin.query(`SET password_encryption = 'scram-sha-256'`);
    await admin.query(`CREATE ROLE ${role} PASSWORD 'pencil-和-密码'`);
    try {
      const { rows } = await admin.query<{ stored: string }>(
        'SELECT rolpassword AS stored FROM pg_authid WHERE rolname = $1',
        [role],
      );
      const [, iterations, salt] = /^SCRAM-SHA-256\$(\d+):([^$]+)\$/.exec(rows[0].stored)!;
      expect(scramVerifier('pencil-和-密码', Buffer.from(salt, 'base64'), Number(iterations))).toBe(
        rows[0].stored,
      );
    } finally {
      await admin.query(`DROP ROLE ${role}`);
    }
  });

  /** A database of its own, migrated the old way: by a superuser, before the roles existed. */
  const NAME = `jg_test_roles_${process.pid}`;
  afterAll(() => onServer((client) => client.query(`DROP DATABASE IF EXISTS "${NAME}" WITH (FORCE)`)));

  test('hands a schema migrated by a superuser to its owner, and can run again', async () => {
    await onServer((client) => client.query(`CREATE DATABASE "${NAME}"`));
    const adminUrl = federation.db.url.replace(/\/[^/]*$/, `/${NAME}`);
    await registryService.migrate(adminUrl);
    const urls = testServiceUrls(NAME, registryService.schema);
    await migrateServiceDatabase(registryService, { adminUrl, ...urls });
    await migrateServiceDatabase(registryService, { adminUrl, ...urls });

    const client = new Client({ connectionString: adminUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ owner: string; objects: number }>(
        `SELECT tableowner AS owner, count(*)::int AS objects FROM pg_tables
          WHERE schemaname = 'registry' GROUP BY tableowner`,
      );
      expect(rows.map((r) => r.owner)).toEqual([roleOf(urls.ownerUrl)]);
    } finally {
      await client.end();
    }
    const runtime = new Client({ connectionString: urls.runtimeUrl });
    await runtime.connect();
    try {
      expect(await outcome(runtime, `SELECT count(*) FROM registry.institution`)).toBe('succeeded');
      expect(await outcome(runtime, `DELETE FROM registry.audit_record`)).toBe(INSUFFICIENT_PRIVILEGE);
    } finally {
      await runtime.end();
    }
  });
});
