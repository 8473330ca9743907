import type { DataSource } from 'typeorm';
import {
  findHolidaySchedule,
  storeHolidaySchedule,
  writeAudit,
  type HolidayScheduleInput,
  type StoredHolidaySchedule,
  type Viewer,
} from '@jianguan/platform';
import { recordEvent } from '@jianguan/events';

const SCHEMA = 'registry';

const sameDays = (a: string[], b: string[]) => a.length === b.length && a.every((d, i) => d === b[i]);

/**
 * Loads a year's schedule from the State Council's notice (registry keeps the calendar every
 * department counts working days by; the others keep copies from `HolidayScheduleLoaded`). Audited
 * with the notice; loading the same days again changes nothing and tells no one.
 */
export async function loadHolidaySchedule(
  dataSource: DataSource,
  viewer: Viewer,
  input: HolidayScheduleInput,
  requestId: string,
): Promise<StoredHolidaySchedule> {
  const actor = viewer.require('calendar.load');
  return dataSource.transaction(async (manager) => {
    const before = await findHolidaySchedule(manager, SCHEMA, input.year, true);
    if (before && sameDays(before.holidays, input.holidays) && sameDays(before.workdays, input.workdays)) {
      return before;
    }
    const now = new Date();
    await storeHolidaySchedule(manager, SCHEMA, { ...input, loadedBy: actor.name, loadedAt: now });
    const days = (s: { holidays: string[]; workdays: string[]; notice: string } | null) =>
      s && { holidays: s.holidays, workdays: s.workdays, notice: s.notice };
    await writeAudit(manager, {
      actor,
      action: 'loadHolidaySchedule',
      entityType: 'HolidaySchedule',
      entityId: String(input.year),
      before: days(before),
      after: days(input),
      requestId,
    });
    await recordEvent(manager, 'registry', 'HolidayScheduleLoaded', {
      year: input.year,
      holidays: input.holidays,
      workdays: input.workdays,
      notice: input.notice,
      loadedAt: now.toISOString(),
    });
    return (await findHolidaySchedule(manager, SCHEMA, input.year))!;
  });
}
