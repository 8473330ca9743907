import { normaliseRegionCode } from './region-code';
import type { z } from 'zod';
import { badInput } from './errors';

/**
 * Validates a mutation's input at the edge. The first problem becomes BAD_USER_INPUT naming the
 * offending field (its path inside the input, e.g. `creditCode` or `courses.2.lessonMinutes`).
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue.path.map(String).join('.') || 'input';
  throw badInput(field, `${field} ${issue.message}`);
}

/**
 * A region argument before it reaches SQL: a division code in any form officials write (prefix,
 * GB/T 2260, statistical), answered as the prefix code the graph keys regions by (region-code.ts).
 */
export function requireRegionCode(field: string, code: string): string {
  const prefix = normaliseRegionCode(code);
  if (prefix === null) throw badInput(field, `${field} must be a division code`);
  return prefix;
}

/** A UUID as PostgreSQL's uuid type takes it. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An `id` argument before it reaches SQL: BAD_USER_INPUT naming the field unless it is a UUID. */
export function requireUuid(field: string, value: string): string {
  if (!UUID_PATTERN.test(value)) throw badInput(field, `${field} must be an ID`);
  return value;
}
