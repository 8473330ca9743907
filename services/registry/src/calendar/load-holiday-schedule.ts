import type { DataSource } from 'typeorm';
import {
  findHolidaySchedule,
  upsertHolidaySchedule,
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
    const now = new Date();
    const before = await upsertHolidaySchedule(manager, SCHEMA, { ...input, loadedBy: actor.name }, now);
    if (before && sameDays(before.holidays, input.holidays) && sameDays(before.workdays, input.workdays)) {
      // Unchanged days: put the row back as it was (the upsert took the lock, so no one raced us).
      await upsertHolidaySchedule(manager, SCHEMA, before, before.loadedAt);
      return before;
    }
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
