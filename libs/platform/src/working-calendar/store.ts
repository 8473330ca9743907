import type { EntityManager, QueryRunner } from 'typeorm';
import { shippedHolidaySchedule, shippedYears, type HolidaySchedule } from './holiday-schedule';
import { WorkingCalendar } from './calendar';

/** What the seeded years say they come from, in the audit and in the graph. */
export const SHIPPED_NOTICE = 'chinese-days 软件包所载国务院办公厅节假日安排';

/** One row a year: the schedule a service counts working days by. */
export const holidayScheduleTableSql = (schema: string) => `CREATE TABLE ${schema}.holiday_schedule (
  year integer PRIMARY KEY,
  holidays jsonb NOT NULL,
  workdays jsonb NOT NULL,
  notice text NOT NULL,
  loaded_by text NOT NULL,
  loaded_at timestamptz NOT NULL DEFAULT now()
)`;

/** The table and the years the package ships, for a service's migration. */
export async function createHolidayScheduleTable(runner: QueryRunner, schema: string): Promise<void> {
  await runner.query(holidayScheduleTableSql(schema));
  for (const year of shippedYears()) {
    const s = shippedHolidaySchedule(year)!;
    await runner.query(
      `INSERT INTO ${schema}.holiday_schedule (year, holidays, workdays, notice, loaded_by) VALUES ($1, $2, $3, $4, 'migration')`,
      [year, JSON.stringify(s.holidays), JSON.stringify(s.workdays), SHIPPED_NOTICE],
    );
  }
}

export interface StoredHolidaySchedule extends HolidaySchedule {
  notice: string;
  loadedBy: string;
  loadedAt: Date;
}

type Row = {
  year: number;
  holidays: string[];
  workdays: string[];
  notice: string;
  loaded_by: string;
  loaded_at: Date;
};
const fromRow = (r: Row): StoredHolidaySchedule => ({
  year: r.year,
  holidays: r.holidays,
  workdays: r.workdays,
  notice: r.notice,
  loadedBy: r.loaded_by,
  loadedAt: r.loaded_at,
});

/**
 * Stores a year's schedule (replacing the one before) and answers the one it replaced, so the
 * caller can tell what changed. Locks the row: two loads of one year apply one after the other.
 */
export async function upsertHolidaySchedule(
  manager: EntityManager,
  schema: string,
  schedule: HolidaySchedule & { notice: string; loadedBy: string },
  at: Date,
): Promise<StoredHolidaySchedule | null> {
  const before = (await manager.query(`SELECT * FROM ${schema}.holiday_schedule WHERE year = $1 FOR UPDATE`, [
    schedule.year,
  ])) as Row[];
  await manager.query(
    `INSERT INTO ${schema}.holiday_schedule (year, holidays, workdays, notice, loaded_by, loaded_at)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (year) DO UPDATE SET holidays = EXCLUDED.holidays, workdays = EXCLUDED.workdays,
       notice = EXCLUDED.notice, loaded_by = EXCLUDED.loaded_by, loaded_at = EXCLUDED.loaded_at`,
    [
      schedule.year,
      JSON.stringify(schedule.holidays),
      JSON.stringify(schedule.workdays),
      schedule.notice,
      schedule.loadedBy,
      at,
    ],
  );
  return before[0] ? fromRow(before[0]) : null;
}

export async function findHolidaySchedule(
  manager: EntityManager,
  schema: string,
  year: number,
): Promise<StoredHolidaySchedule | null> {
  const rows = (await manager.query(`SELECT * FROM ${schema}.holiday_schedule WHERE year = $1`, [
    year,
  ])) as Row[];
  return rows[0] ? fromRow(rows[0]) : null;
}

/** The calendar of every schedule the service holds (a few dozen small rows). */
export async function readWorkingCalendar(manager: EntityManager, schema: string): Promise<WorkingCalendar> {
  const rows = (await manager.query(`SELECT * FROM ${schema}.holiday_schedule ORDER BY year`)) as Row[];
  return new WorkingCalendar(rows.map(fromRow));
}

/**
 * A department's copy of a schedule the registry loaded (HolidayScheduleLoaded): stored unless the
 * copy already holds a later load of the year, since events may arrive out of order. True when stored.
 */
export async function keepHolidayScheduleCopy(
  manager: EntityManager,
  schema: string,
  schedule: HolidaySchedule & { notice: string; loadedBy: string; loadedAt: Date },
): Promise<boolean> {
  const rows = (await manager.query(
    `INSERT INTO ${schema}.holiday_schedule (year, holidays, workdays, notice, loaded_by, loaded_at)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (year) DO UPDATE SET holidays = EXCLUDED.holidays, workdays = EXCLUDED.workdays,
       notice = EXCLUDED.notice, loaded_by = EXCLUDED.loaded_by, loaded_at = EXCLUDED.loaded_at
     WHERE ${schema}.holiday_schedule.loaded_at < EXCLUDED.loaded_at
     RETURNING year`,
    [
      schedule.year,
      JSON.stringify(schedule.holidays),
      JSON.stringify(schedule.workdays),
      schedule.notice,
      schedule.loadedBy,
      schedule.loadedAt,
    ],
  )) as unknown[];
  return rows.length > 0;
}
