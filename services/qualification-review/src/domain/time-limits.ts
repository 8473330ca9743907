import { workingDaysDeadline } from '@jianguan/platform';

/** A review time limit: statutory working days, or a plain duration (tests and drills). */
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
 * When a review started at `from` must be decided. Working days follow the Chinese holiday and
 * make-up-workday calendar and end at 24:00 Shanghai time of the last day.
 */
export function dueAtFor(from: Date, limit: TimeLimit): Date {
  return limit.unit === 'workingDays'
    ? workingDaysDeadline(from, limit.count)
    : new Date(from.getTime() + limit.count);
}
