import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  holidayScheduleInput,
  shippedHolidaySchedule,
  shippedYears,
  WorkingCalendar,
} from '@jianguan/platform';

export interface HolidayScheduleFixture {
  year: number;
  holidays: string[];
  workdays: string[];
  notice: string;
}

/**
 * The 2027 schedule in docs/examples: a fixture, not the official schedule (the department loads that
 * one the same way when it is published). Read afresh on each call so a test may alter its copy.
 */
export const holidayScheduleFixture2027 = (): HolidayScheduleFixture =>
  JSON.parse(
    readFileSync(join(__dirname, '../../../docs/examples/holiday-schedule-2027.json'), 'utf8'),
  ) as HolidayScheduleFixture;

/** The calendar a deployment has once the 2027 fixture is loaded on top of the shipped years. */
export const calendarWithFixture2027 = (): WorkingCalendar =>
  new WorkingCalendar([
    ...shippedYears().map((year) => shippedHolidaySchedule(year)!),
    holidayScheduleInput.parse(holidayScheduleFixture2027()),
  ]);
