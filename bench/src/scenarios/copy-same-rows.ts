/**
 * The second limit of scenario 5: COPY of exactly the rows one import wrote, into tables of the same
 * definition (columns, defaults, checks, every index and the foreign keys between them), in one
 * transaction as the import does. It shows what the database itself needs to store them — the floor
 * under any import that keeps the service's indexes, audit lines and events.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { withDatabase } from '../seed';
import type { Stack } from '../stack';

/** Which rows one import wrote: a temp table `imported` of its ids, then each table's rows, parents first. */
export interface ImportedRows {
  schema: string;
  /** Creates the session's temp table `imported (id uuid)`. */
  findImported: string;
  tables: readonly (readonly [table: string, select: string])[];
}

/** A registry survey import, by its id (the audit lines' request id). */
export function registryImportRows(importId: string): ImportedRows {
  const id = `'${importId.replace(/[^0-9a-f-]/g, '')}'`;
  return {
    schema: 'registry',
    findImported: `SELECT entity_id::uuid AS id FROM registry.audit_record
                    WHERE request_id = ${id} AND entity_type = 'Institution'`,
    tables: [
      ['institution', 'SELECT t.* FROM registry.institution t JOIN imported i ON t.id = i.id'],
      ['licence', 'SELECT t.* FROM registry.licence t JOIN imported i ON t.institution_id = i.id'],
      [
        'survey_record',
        'SELECT t.* FROM registry.survey_record t JOIN imported i ON t.institution_id = i.id',
      ],
      ['audit_record', `SELECT t.* FROM registry.audit_record t WHERE t.request_id = ${id}`],
      [
        'outbox',
        "SELECT t.* FROM registry.outbox t JOIN imported i ON (t.payload->>'institutionId')::uuid = i.id",
      ],
    ],
  };
}

/** Every filing import so far (the bench makes one): the filings its audit line lists. */
export function filingImportRows(): ImportedRows {
  const s = 'online_course_filing';
  const audit = `action = 'importOnlineFilings'`;
  return {
    schema: s,
    findImported: `SELECT jsonb_array_elements_text(after->'filingIds')::uuid AS id FROM ${s}.audit_record
                    WHERE ${audit}`,
    tables: [
      ['known_institution', `SELECT t.* FROM ${s}.known_institution t WHERE t.source = 'IMPORT'`],
      ['filing', `SELECT t.* FROM ${s}.filing t JOIN imported i ON t.id = i.id`],
      ['status_change', `SELECT t.* FROM ${s}.status_change t JOIN imported i ON t.filing_id = i.id`],
      ['person', `SELECT t.* FROM ${s}.person t JOIN imported i ON t.filing_id = i.id`],
      ['course', `SELECT t.* FROM ${s}.course t JOIN imported i ON t.filing_id = i.id`],
      ['audit_record', `SELECT t.* FROM ${s}.audit_record t WHERE ${audit}`],
    ],
  };
}

export interface SameRowsCopy {
  rows: number;
  seconds: number;
  perTable: Record<string, { rows: number; seconds: number }>;
}

export async function copySameRows(stack: Stack, imported: ImportedRows): Promise<SameRowsCopy> {
  const { schema, tables } = imported;
  const copySchema = `bench_same_${schema}`;
  return withDatabase(stack, async (db) => {
    await db.query(`CREATE TEMP TABLE imported AS ${imported.findImported}`);
    await db.query(`DROP SCHEMA IF EXISTS ${copySchema} CASCADE; CREATE SCHEMA ${copySchema}`);
    const files: Record<string, string> = {};
    for (const [table, select] of tables) {
      await db.query(`CREATE TABLE ${copySchema}.${table} (LIKE ${schema}.${table} INCLUDING ALL)`);
      files[table] = path.join(stack.workDir, `same-${schema}-${table}.copy`);
      const out = db.query(copyTo(`COPY (${select}) TO STDOUT`));
      await pipeline(out, createWriteStream(files[table]));
    }
    // LIKE copies everything but foreign keys; those among the written tables are added as they are.
    const { rows: keys } = await db.query<{ table: string; name: string; definition: string }>(
      `SELECT c.conrelid::regclass::text AS table, c.conname AS name, pg_get_constraintdef(c.oid) AS definition
         FROM pg_constraint c
        WHERE c.contype = 'f' AND c.connamespace = $2::regnamespace
          AND c.conrelid::regclass::text = ANY($1) AND c.confrelid::regclass::text = ANY($1)`,
      [tables.map(([table]) => `${schema}.${table}`), schema],
    );
    for (const key of keys) {
      await db.query(
        `ALTER TABLE ${key.table.replace(`${schema}.`, `${copySchema}.`)} ADD CONSTRAINT ${key.name}
         ${key.definition.replace(`REFERENCES ${schema}.`, `REFERENCES ${copySchema}.`)}`,
      );
    }

    const perTable: SameRowsCopy['perTable'] = {};
    const started = Date.now();
    await db.query('BEGIN');
    for (const [table] of tables) {
      const tableStarted = Date.now();
      const stream = db.query(copyFrom(`COPY ${copySchema}.${table} FROM STDIN`));
      await pipeline(createReadStream(files[table]), stream);
      perTable[table] = { rows: Number(stream.rowCount), seconds: (Date.now() - tableStarted) / 1000 };
    }
    await db.query('COMMIT');
    const seconds = (Date.now() - started) / 1000;
    await db.query(`DROP SCHEMA ${copySchema} CASCADE; DROP TABLE imported`);
    const rows = Object.values(perTable).reduce((sum, t) => sum + t.rows, 0);
    return { rows, seconds, perTable };
  });
}
