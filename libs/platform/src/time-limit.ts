import { z } from 'zod';
import { shippedCalendar, type CalendarDeadline, type WorkingCalendar } from './working-calendar';

/**
 * A time limit as configured: statutory working days (`20wd`, on the Chinese holiday calendar), or a
 * plain duration for tests and drills (`30s`, `15m`, `2h`, `3d`).
 */
export type TimeLimit = { unit: 'workingDays'; count: number } | { unit: 'ms'; count: number };

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function parseTimeLimit(value: string): TimeLimit {
  const match = /^(\d+)(wd|s|m|h|d)$/.exec(value.trim());
  if (!match || Number(match[1]) < 1) {
    throw new Error(`"${value}" is not a time limit: use e.g. 20wd (working days) or 30s, 15m, 2h, 3d`);
  }
  const n = Number(match[1]);
  return match[2] === 'wd' ? { unit: 'workingDays', count: n } : { unit: 'ms', count: n * UNIT_MS[match[2]] };
}

/**
 * When a limit that starts at `from` runs out; working days end at 24:00 Shanghai time of the last
 * one, and are provisional where they run into a year without its published schedule.
 */
export function timeLimitDeadline(from: Date, limit: TimeLimit, calendar: WorkingCalendar): CalendarDeadline {
  return limit.unit === 'workingDays'
    ? calendar.deadline(from, limit.count)
    : { at: new Date(from.getTime() + limit.count), provisional: false };
}

/** timeLimitDeadline's instant alone (the shipped schedules unless a calendar is given). */
export const timeLimitEnd = (
  from: Date,
  limit: TimeLimit,
  calendar: WorkingCalendar = shippedCalendar(),
): Date => timeLimitDeadline(from, limit, calendar).at;

/** A configuration value in the notation above. */
export const timeLimitSchema = z.string().transform((value, ctx) => {
  try {
    return parseTimeLimit(value);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
});
