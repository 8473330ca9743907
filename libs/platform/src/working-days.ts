import { SHANGHAI_OFFSET_MS, shanghaiDay, shippedCalendar, type WorkingCalendar } from './working-calendar';

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

/**
 * Whether a Shanghai calendar day is a working day under the State Council's holiday schedule:
 * public holidays are off even on weekdays, and make-up working days (调休) count even on weekends.
 * Without a calendar, the schedules the package ships (services pass the one they keep in PostgreSQL).
 */
export const isWorkingDay = (day: string, calendar: WorkingCalendar = shippedCalendar()): boolean =>
  calendar.isWorkingDay(day);

/**
 * A time limit of N working days counted from the day after `from`, ending at 24:00 Shanghai time of
 * the Nth working day (WorkingCalendar.deadline; this drops whether it is provisional).
 */
export const workingDaysDeadline = (
  from: Date,
  workingDays: number,
  calendar: WorkingCalendar = shippedCalendar(),
): Date => calendar.deadline(from, workingDays).at;
