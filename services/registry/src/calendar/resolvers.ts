import { z } from 'zod';
import {
  findHolidaySchedule,
  holidayScheduleInput,
  holidayYear,
  parseInput,
  SHIPPED_NOTICE,
  statutoryHolidays,
} from '@jianguan/platform';
import type { StoredHolidaySchedule } from '@jianguan/platform';
import type { RegistryContext } from '../context';
import { loadHolidaySchedule } from './load-holiday-schedule';

const toNode = (year: number, stored: StoredHolidaySchedule | null) => ({
  year,
  loaded: stored !== null,
  shipped: stored?.notice === SHIPPED_NOTICE,
  holidays: stored?.holidays ?? [],
  workdays: stored?.workdays ?? [],
  statutoryHolidays: statutoryHolidays(year),
  notice: stored?.notice ?? null,
  loadedAt: stored?.loadedAt ?? null,
});

export const calendarQueryResolvers = {
  holidaySchedule: async (_: unknown, { year }: { year: number }, ctx: RegistryContext) => {
    ctx.viewer.requireUser();
    const checked = parseInput(z.object({ year: holidayYear }), { year }).year;
    return toNode(checked, await findHolidaySchedule(ctx.dataSource.manager, 'registry', checked));
  },
};

export const calendarMutationResolvers = {
  loadHolidaySchedule: async (_: unknown, { input }: { input: unknown }, ctx: RegistryContext) => {
    ctx.viewer.require('calendar.load');
    const parsed = parseInput(holidayScheduleInput, input);
    const stored = await loadHolidaySchedule(ctx.dataSource, ctx.viewer, parsed, ctx.requestId);
    return toNode(stored.year, stored);
  },
};
