/**
 * The second limit of scenario 5 (b): COPY of exactly the rows one registry import wrote, into tables
 * of the same definition (columns, defaults, checks, every index and the foreign keys between them),
 * in one transaction as the import does. It shows what the database itself needs to store them —
 * the floor under any import that keeps the registry's indexes, audit lines and events.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { withDatabase } from '../seed';
import type { Stack } from '../stack';

/** What an import of the registry writes, parents first, and how to find one import's rows. */
const WRITTEN = [
  ['institution', 'SELECT t.* FROM registry.institution t JOIN imported i ON t.id = i.id'],
  ['licence', 'SELECT t.* FROM registry.licence t JOIN imported i ON t.institution_id = i.id'],
  ['survey_record', 'SELECT t.* FROM registry.survey_record t JOIN imported i ON t.institution_id = i.id'],
  ['audit_record', 'SELECT t.* FROM registry.audit_record t WHERE t.request_id = $IMPORT'],
  [
    'outbox',
    "SELECT t.* FROM registry.outbox t JOIN imported i ON (t.payload->>'institutionId')::uuid = i.id",
  ],
] as const;

export interface SameRowsCopy {
  rows: number;
  seconds: number;
  perTable: Record<string, { rows: number; seconds: number }>;
}

export async function copySameRows(stack: Stack, importId: string): Promise<SameRowsCopy> {
  return withDatabase(stack, async (db) => {
    const literal = `'${importId.replace(/[^0-9a-f-]/g, '')}'`;
    await db.query(
      `CREATE TEMP TABLE imported AS SELECT entity_id::uuid AS id FROM registry.audit_record
        WHERE request_id = ${literal} AND entity_type = 'Institution'`,
    );
    await db.query('DROP SCHEMA IF EXISTS bench_same CASCADE; CREATE SCHEMA bench_same');
    const files: Record<string, string> = {};
    for (const [table, select] of WRITTEN) {
      await db.query(`CREATE TABLE bench_same.${table} (LIKE registry.${table} INCLUDING ALL)`);
      files[table] = path.join(stack.workDir, `same-${table}.copy`);
      const out = db.query(copyTo(`COPY (${select.replace('$IMPORT', literal)}) TO STDOUT`));
      await pipeline(out, createWriteStream(files[table]));
    }
    // LIKE copies everything but foreign keys; those among the written tables are added as they are.
    const { rows: keys } = await db.query<{ table: string; name: string; definition: string }>(
      `SELECT c.conrelid::regclass::text AS table, c.conname AS name, pg_get_constraintdef(c.oid) AS definition
         FROM pg_constraint c
        WHERE c.contype = 'f' AND c.connamespace = 'registry'::regnamespace
          AND c.conrelid::regclass::text = ANY($1) AND c.confrelid::regclass::text = ANY($1)`,
      [WRITTEN.map(([table]) => `registry.${table}`)],
    );
    for (const key of keys) {
      await db.query(
        `ALTER TABLE ${key.table.replace('registry.', 'bench_same.')} ADD CONSTRAINT ${key.name}
         ${key.definition.replace(/REFERENCES registry\./, 'REFERENCES bench_same.')}`,
      );
    }

    const perTable: SameRowsCopy['perTable'] = {};
    const started = Date.now();
    await db.query('BEGIN');
    for (const [table] of WRITTEN) {
      const tableStarted = Date.now();
      const stream = db.query(copyFrom(`COPY bench_same.${table} FROM STDIN`));
      await pipeline(createReadStream(files[table]), stream);
      perTable[table] = { rows: Number(stream.rowCount), seconds: (Date.now() - tableStarted) / 1000 };
    }
    await db.query('COMMIT');
    const seconds = (Date.now() - started) / 1000;
    await db.query('DROP SCHEMA bench_same CASCADE');
    const rows = Object.values(perTable).reduce((sum, t) => sum + t.rows, 0);
    return { rows, seconds, perTable };
  });
}
