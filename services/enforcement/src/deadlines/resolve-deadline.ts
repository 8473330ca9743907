import { badInput, type WorkingCalendar } from '@jianguan/platform';
import { MAX_DEADLINE_YEARS } from '../orders/order';

/** A deadline as set on an order: the instant, and how it was counted when it was a working-day count. */
export interface ResolvedDeadline {
  deadline: Date;
  /** The working days it counts (null for a date given as such); what a loaded schedule recomputes. */
  workingDays: number | null;
  /** Counted into a year without its published schedule (WorkingCalendar.deadline). */
  provisional: boolean;
}

/** Resolves and checks a deadline: in the future, and at most five years ahead. */
export function resolveDeadline(
  input: { deadline?: Date | null; deadlineWorkingDays?: number | null },
  now: Date,
  calendar: WorkingCalendar,
): ResolvedDeadline {
  const counted = input.deadline ? null : calendar.deadline(now, input.deadlineWorkingDays!);
  const deadline = input.deadline ?? counted!.at;
  const field = input.deadline ? 'deadline' : 'deadlineWorkingDays';
  if (deadline.getTime() <= now.getTime()) throw badInput(field, `${field} must be in the future`);
  const limit = new Date(now);
  limit.setUTCFullYear(limit.getUTCFullYear() + MAX_DEADLINE_YEARS);
  if (deadline.getTime() > limit.getTime()) {
    throw badInput(field, `${field} must be at most ${MAX_DEADLINE_YEARS} years ahead`);
  }
  return {
    deadline,
    workingDays: counted ? input.deadlineWorkingDays! : null,
    provisional: counted?.provisional ?? false,
  };
}
