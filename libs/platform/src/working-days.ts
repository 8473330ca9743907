import { isWorkday } from 'chinese-days';

/** China has one time zone and no daylight saving: Shanghai is always UTC+8. */
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

/** The calendar date (YYYY-MM-DD) in Asia/Shanghai of an instant. */
export const shanghaiDay = (at: Date): string =>
  new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);

/**
 * The Beijing-time day a deadline falls on, as a person reads it: a deadline at 00:00 is the end
 * (24:00) of the day before — "整改期限至 2026-12-25" means until midnight ending the 25th.
 */
export const deadlineDay = (deadline: Date): string => shanghaiDay(new Date(deadline.getTime() - 1));

/** An instant as a person reads it, in Beijing time: `2026-12-25 17:30`; a midnight deadline reads `… 24:00`. */
export const beijingDeadlineText = (at: Date): string => {
  const local = new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString();
  const time = local.slice(11, 16);
  return time === '00:00' ? `${deadlineDay(at)} 24:00` : `${local.slice(0, 10)} ${time}`;
};

/** The instant a Shanghai calendar day starts. */
export const shanghaiDayStart = (day: string): Date =>
  new Date(Date.parse(`${day}T00:00:00Z`) - SHANGHAI_OFFSET_MS);

const nextDay = (day: string): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

/**
 * Whether a Shanghai calendar day is a working day under the State Council's holiday schedule:
 * public holidays are off even on weekdays, and make-up working days (调休) count even on weekends.
 */
export const isWorkingDay = (day: string): boolean => isWorkday(day);

/**
 * A time limit of N working days counted from the day after `from` (the day of the act itself does
 * not count), ending when the Nth working day ends (24:00 Shanghai time) — as statutory limits run.
 */
export function workingDaysDeadline(from: Date, workingDays: number): Date {
  if (!Number.isInteger(workingDays) || workingDays < 1)
    throw new RangeError('workingDays must be a positive integer');
  let day = shanghaiDay(from);
  let counted = 0;
  while (counted < workingDays) {
    day = nextDay(day);
    if (isWorkingDay(day)) counted += 1;
  }
  return shanghaiDayStart(nextDay(day));
}
