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
