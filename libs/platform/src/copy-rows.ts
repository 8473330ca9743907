import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { EntityManager } from 'typeorm';

/** A value COPY can take: text, numbers, booleans, instants, text arrays and JSON (objects). */
export type CopyValue =
  string | number | boolean | Date | null | undefined | readonly (string | null)[] | object;

/** Text-format escapes (PostgreSQL COPY, "Text Format"): backslash, newline, carriage return, tab. */
const escapeText = (value: string) =>
  /[\\\n\r\t]/.test(value) ? value.replace(/[\\\n\r\t]/g, (c) => TEXT_ESCAPES[c]) : value;
const TEXT_ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** An array literal `{"a","b"}`, each element quoted so commas, braces and spaces stay data. */
const arrayLiteral = (items: readonly (string | null)[]) =>
  `{${items.map((item) => (item === null ? 'NULL' : `"${item.replace(/["\\]/g, '\\$&')}"`)).join(',')}}`;

function copyField(value: CopyValue): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'string') return escapeText(value);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return escapeText(arrayLiteral(value as (string | null)[]));
  return escapeText(JSON.stringify(value));
}

/** Rows go to the server in pieces of about this many characters. */
const BATCH_CHARS = 1 << 18;

function* copyText(rows: Iterable<readonly CopyValue[]>, onRows?: (n: number) => void) {
  let batch = '';
  let count = 0;
  for (const row of rows) {
    batch += `${row.map(copyField).join('\t')}\n`;
    count += 1;
    if (batch.length >= BATCH_CHARS) {
      yield batch;
      onRows?.(count);
      batch = '';
      count = 0;
    }
  }
  if (batch) yield batch;
  if (count) onRows?.(count);
}

/**
 * The failed row's text (COPY's `where`) and the offending key (`detail`) may hold personal data; the
 * error keeps its message, code and constraint, which is what callers (and logs) need.
 */
function withoutRowData(error: unknown): unknown {
  if (!error || typeof error !== 'object' || !('code' in error)) return error;
  const { message, code, constraint, table } = error as {
    message: string;
    code?: string;
    constraint?: string;
    table?: string;
  };
  return Object.assign(new Error(`COPY failed: ${message}`), { code, constraint, table });
}

/**
 * Writes `rows` into `table` with COPY FROM STDIN on the connection of `manager`, so inside its
 * transaction, if any: the rows commit or roll back with everything else the caller does. Values are encoded
 * in COPY's text format; objects become JSON (for json/jsonb columns). Constraints, foreign keys and
 * indexes are checked as for INSERT. Returns the number of rows written.
 */
export async function copyRows(
  manager: EntityManager,
  table: string,
  columns: readonly string[],
  rows: Iterable<readonly CopyValue[]>,
  onRows?: (n: number) => void,
): Promise<number> {
  // Outside a transaction the COPY runs alone on a connection of its own (one statement: still atomic).
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  const client = (await runner.connect()) as PoolClient;
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  try {
    await pipeline(Readable.from(copyText(rows, onRows)), stream);
  } catch (error) {
    throw withoutRowData(error);
  } finally {
    if (!manager.queryRunner) await runner.release();
  }
  return Number(stream.rowCount);
}
