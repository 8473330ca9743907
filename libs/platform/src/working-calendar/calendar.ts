import { DayOfWeek, LocalDate } from '@js-joda/core';
import {
  shippedHolidaySchedule,
  shippedYears,
  statutoryHolidays,
  type HolidaySchedule,
} from './holiday-schedule';

/** China has one time zone and no daylight saving: Shanghai is always UTC+8. */
export const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

/** The calendar date (YYYY-MM-DD) in Asia/Shanghai of an instant. */
export const shanghaiDay = (at: Date): string =>
  new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);

/** The instant a Shanghai calendar day starts. */
export const shanghaiDayStart = (day: string): Date =>
  new Date(Date.parse(`${day}T00:00:00Z`) - SHANGHAI_OFFSET_MS);

/** A deadline and whether it rests on a year whose official schedule has not been loaded. */
export interface CalendarDeadline {
  at: Date;
  /**
   * True when a day counted lies in a year without its published schedule: the statutory holidays
   * were skipped, but the notice may still add bridging days or make-up working days.
   */
  provisional: boolean;
}

/**
 * Working days under the schedules an official loaded (or the package shipped). For a year without
 * one, the statutory holidays are still days off — never a silent weekends-only count — and whatever
 * is counted there is provisional.
 */
export class WorkingCalendar {
  private readonly official = new Map<number, { holidays: Set<string>; workdays: Set<string> }>();
  private readonly statutory = new Map<number, Set<string>>();

  constructor(schedules: HolidaySchedule[]) {
    for (const s of schedules)
      this.official.set(s.year, { holidays: new Set(s.holidays), workdays: new Set(s.workdays) });
  }

  officialYears(): number[] {
    return [...this.official.keys()].sort((a, b) => a - b);
  }

  /** Whether a year's working days are known from its published schedule. */
  hasOfficialSchedule(year: number): boolean {
    return this.official.has(year);
  }

  isWorkingDay(day: string): boolean {
    const date = LocalDate.parse(day);
    const weekend = date.dayOfWeek() === DayOfWeek.SATURDAY || date.dayOfWeek() === DayOfWeek.SUNDAY;
    const schedule = this.official.get(date.year());
    if (schedule) return schedule.workdays.has(day) || (!weekend && !schedule.holidays.has(day));
    return !weekend && !this.statutoryOf(date.year()).has(day);
  }

  /**
   * A time limit of N working days counted from the day after `from` (the day of the act itself does
   * not count), ending when the Nth working day ends (24:00 Shanghai time) — as statutory limits run.
   */
  deadline(from: Date, workingDays: number): CalendarDeadline {
    if (!Number.isInteger(workingDays) || workingDays < 1)
      throw new RangeError('workingDays must be a positive integer');
    let day = LocalDate.parse(shanghaiDay(from));
    let counted = 0;
    let provisional = false;
    while (counted < workingDays) {
      day = day.plusDays(1);
      if (!this.official.has(day.year())) provisional = true;
      if (this.isWorkingDay(day.toString())) counted += 1;
    }
    return { at: shanghaiDayStart(day.plusDays(1).toString()), provisional };
  }

  private statutoryOf(year: number): Set<string> {
    let days = this.statutory.get(year);
    if (!days) this.statutory.set(year, (days = new Set(statutoryHolidays(year))));
    return days;
  }
}

let shipped: WorkingCalendar | undefined;
/** The calendar of the schedules `chinese-days` ships, for code that has no database at hand. */
export const shippedCalendar = (): WorkingCalendar =>
  (shipped ??= new WorkingCalendar(shippedYears().map((year) => shippedHolidaySchedule(year)!)));

/**
 * The log line that goes with a provisional deadline (besides the `jianguan_provisional_deadlines`
 * gauge): operators see that a year's schedule is due to be loaded. `what` names the record, never a person.
 */
export const warnProvisionalDeadline = (
  logger: { warn: (fields: object, message: string) => void },
  what: Record<string, string>,
): void =>
  logger.warn(what, 'provisional deadline: counted into a year whose holiday schedule is not loaded');
