import type { QueryRunner } from 'typeorm';
import { auditTableSql } from '@jianguan/platform';
import { inboxTableSql } from './inbox';
import { outboxTableSql } from './outbox';

/**
 * The tables every service schema holds besides its own: the append-only audit log, the outbox its
 * relay publishes from and the inbox its consumers claim events in. Each service's initial
 * migration creates them after its own tables, in this order; the SQL is exactly what those
 * migrations ran before they shared it, so databases migrated then and now do not differ.
 * (The idempotency_key table came later, as its own migration: idempotencyKeysMigration.)
 */
export const sharedTablesSql = (schema: string): string[] => [
  ...auditTableSql(schema),
  ...outboxTableSql(schema),
  ...inboxTableSql(schema),
];

/** Up of an initial migration: the service's own statements, in order, then the shared tables. */
export async function createSchemaTables(
  runner: QueryRunner,
  schema: string,
  ownStatements: string[],
): Promise<void> {
  for (const sql of [...ownStatements, ...sharedTablesSql(schema)]) await runner.query(sql);
}

/**
 * Down of an initial migration: the shared tables, then the service's own (dependents first),
 * then the audit log's trigger function.
 */
export async function dropSchemaTables(
  runner: QueryRunner,
  schema: string,
  ownTables: string[],
): Promise<void> {
  for (const table of ['inbox', 'outbox', 'audit_record', ...ownTables]) {
    await runner.query(`DROP TABLE IF EXISTS ${schema}.${table} CASCADE`);
  }
  await runner.query(`DROP FUNCTION IF EXISTS ${schema}.audit_record_append_only()`);
}
