import { badInput, workingDaysDeadline } from '@jianguan/platform';
import { MAX_DEADLINE_YEARS } from '../orders/order';

/** Resolves and checks a deadline: in the future, and at most five years ahead. */
export function resolveDeadline(
  input: { deadline?: Date | null; deadlineWorkingDays?: number | null },
  now: Date,
): Date {
  const deadline = input.deadline ?? workingDaysDeadline(now, input.deadlineWorkingDays!);
  const field = input.deadline ? 'deadline' : 'deadlineWorkingDays';
  if (deadline.getTime() <= now.getTime()) throw badInput(field, `${field} must be in the future`);
  const limit = new Date(now);
  limit.setUTCFullYear(limit.getUTCFullYear() + MAX_DEADLINE_YEARS);
  if (deadline.getTime() > limit.getTime()) {
    throw badInput(field, `${field} must be at most ${MAX_DEADLINE_YEARS} years ahead`);
  }
  return deadline;
}
