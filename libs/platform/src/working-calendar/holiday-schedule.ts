import { DayOfWeek, LocalDate } from '@js-joda/core';
import { getDayDetail, isWorkday } from 'chinese-days';
import { LunarDay, SolarTerm } from 'tyme4ts';
import { z } from 'zod';

/**
 * One year's holiday schedule as the State Council publishes it (国务院办公厅关于某年部分节假日安排的通知):
 * the days off (`holidays`, weekdays and weekends alike) and the weekend days worked instead
 * (`workdays`, 调休上班). Every other weekday is a working day, every other weekend day is not.
 */
export interface HolidaySchedule {
  year: number;
  holidays: string[];
  workdays: string[];
}

const iso = (day: LocalDate) => day.toString();
const isWeekend = (day: LocalDate) =>
  day.dayOfWeek() === DayOfWeek.SATURDAY || day.dayOfWeek() === DayOfWeek.SUNDAY;

/**
 * The statutory public holidays of a year, fixed by law (全国年节及纪念日放假办法, as amended by State
 * Council Decree No. 795 of 2024, in force from 2025): 元旦 1 day, 春节 4 days (除夕 to 正月初三),
 * 清明 1 (the solar term's day), 劳动节 2 (1–2 May), 端午 1 (五月初五), 中秋 1 (八月十五),
 * 国庆 3 (1–3 October). Lunar dates come from tyme4ts. What the law leaves to each year's notice —
 * the bridging days and the weekends worked in exchange — cannot be known before it is published.
 */
export function statutoryHolidays(year: number): string[] {
  const lunar = (month: number, day: number) => {
    const solar = LunarDay.fromYmd(year, month, day).getSolarDay();
    return LocalDate.of(solar.getYear(), solar.getMonth(), solar.getDay());
  };
  const springFestival = lunar(1, 1);
  const qingming = SolarTerm.fromName(year, '清明').getJulianDay().getSolarDay();
  const days = [
    LocalDate.of(year, 1, 1),
    springFestival.minusDays(1),
    springFestival,
    springFestival.plusDays(1),
    springFestival.plusDays(2),
    LocalDate.of(qingming.getYear(), qingming.getMonth(), qingming.getDay()),
    LocalDate.of(year, 5, 1),
    LocalDate.of(year, 5, 2),
    lunar(5, 5),
    lunar(8, 15),
    LocalDate.of(year, 10, 1),
    LocalDate.of(year, 10, 2),
    LocalDate.of(year, 10, 3),
  ];
  // 除夕 of a Spring Festival in late January could fall in the year before: it belongs to that year's count.
  return [...new Set(days.filter((d) => d.year() === year).map(iso))].sort();
}

/** Whether `chinese-days` (the package the calendar is seeded from) carries the year's published schedule. */
const packageCovers = (year: number) => {
  const nationalDay = getDayDetail(`${year}-10-01`);
  return !nationalDay.work && nationalDay.name.includes('国庆');
};

/** The years whose schedules the installed `chinese-days` carries (2004 to its last release's year). */
export function shippedYears(): number[] {
  const years: number[] = [];
  for (let year = 2004; packageCovers(year); year += 1) years.push(year);
  return years;
}

/** A published year's schedule as `chinese-days` carries it; null for a year it does not cover. */
export function shippedHolidaySchedule(year: number): HolidaySchedule | null {
  if (!packageCovers(year)) return null;
  const holidays: string[] = [];
  const workdays: string[] = [];
  for (let day = LocalDate.of(year, 1, 1); day.year() === year; day = day.plusDays(1)) {
    const working = isWorkday(iso(day));
    if (!working && !isWeekend(day)) holidays.push(iso(day));
    if (working && isWeekend(day)) workdays.push(iso(day));
  }
  return { year, holidays, workdays };
}

const dayOf = (field: string) =>
  z
    .string({ error: `${field}须为日期（YYYY-MM-DD）` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${field}须为日期（YYYY-MM-DD）`)
    .refine((value) => {
      try {
        return LocalDate.parse(value).toString() === value;
      } catch {
        return false;
      }
    }, `${field}不是有效日期`);

/**
 * A year's schedule as an official loads it from the notice, checked against the law: every
 * statutory holiday must be off, make-up working days can only be weekend days, and every date lies
 * in the year. The notice (its title and number) is required: each load is audited with it.
 */
/** A year the calendar can hold. */
export const holidayYear = z
  .number({ error: '年份须为整数' })
  .int('年份须为整数')
  .min(2004, '年份不得早于 2004')
  .max(2100, '年份不得晚于 2100');

export const holidayScheduleInput = z
  .object({
    year: holidayYear,
    holidays: z.array(dayOf('放假日期')).min(1, '放假日期不能为空'),
    workdays: z.array(dayOf('调休上班日期')),
    notice: z.string().trim().min(4, '通知文号或标题至少 4 个字').max(200, '通知文号或标题不超过 200 个字'),
  })
  .superRefine((input, ctx) => {
    const outside = [...input.holidays, ...input.workdays].filter((d) => !d.startsWith(`${input.year}-`));
    if (outside.length)
      ctx.addIssue({
        code: 'custom',
        path: ['holidays'],
        message: `日期不在 ${input.year} 年内：${outside.join('、')}`,
      });
    const missing = statutoryHolidays(input.year).filter((d) => !input.holidays.includes(d));
    if (missing.length)
      ctx.addIssue({ code: 'custom', path: ['holidays'], message: `缺少法定节假日：${missing.join('、')}` });
    const weekdays = input.workdays.filter((d) => !isWeekend(LocalDate.parse(d)));
    if (weekdays.length)
      ctx.addIssue({
        code: 'custom',
        path: ['workdays'],
        message: `调休上班日须为周末：${weekdays.join('、')}`,
      });
    const both = input.workdays.filter((d) => input.holidays.includes(d));
    if (both.length)
      ctx.addIssue({
        code: 'custom',
        path: ['workdays'],
        message: `同一日期既放假又上班：${both.join('、')}`,
      });
  })
  .transform((input) => ({
    ...input,
    holidays: [...new Set(input.holidays)].sort(),
    workdays: [...new Set(input.workdays)].sort(),
  }));
export type HolidayScheduleInput = z.output<typeof holidayScheduleInput>;
