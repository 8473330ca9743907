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

/**
 * What a department's migration to working days changes: the table whose rows carry a date counted
 * in working days (its columns named `<prefix>_working_days` and `<prefix>_provisional`, so the date
 * can be recounted when a year's schedule is loaded), and the notification table whose kinds gain
 * the one telling that a date changed.
 */
export interface WorkingDayMigration {
  schema: string;
  table: string;
  prefix: string;
  notificationTable: string;
  kindsBefore: readonly string[];
  changedKind: string;
}

async function setNotificationKinds(runner: QueryRunner, m: WorkingDayMigration, kinds: readonly string[]) {
  const constraint = `${m.notificationTable}_kind_check`;
  await runner.query(`ALTER TABLE ${m.schema}.${m.notificationTable} DROP CONSTRAINT ${constraint}`);
  await runner.query(`ALTER TABLE ${m.schema}.${m.notificationTable} ADD CONSTRAINT ${constraint}
      CHECK (kind IN (${kinds.map((k) => `'${k}'`).join(',')}))`);
}

/** The schedule copy, the recount columns and the widened notification kinds. */
export async function addWorkingDays(runner: QueryRunner, m: WorkingDayMigration): Promise<void> {
  await createHolidayScheduleTable(runner, m.schema);
  await runner.query(`ALTER TABLE ${m.schema}.${m.table}
      ADD COLUMN ${m.prefix}_working_days integer CHECK (${m.prefix}_working_days > 0),
      ADD COLUMN ${m.prefix}_provisional boolean NOT NULL DEFAULT false`);
  await setNotificationKinds(runner, m, [...m.kindsBefore, m.changedKind]);
}

/** Undoes addWorkingDays (indexes on the recount columns go with them). */
export async function removeWorkingDays(runner: QueryRunner, m: WorkingDayMigration): Promise<void> {
  await setNotificationKinds(runner, m, m.kindsBefore);
  await runner.query(`ALTER TABLE ${m.schema}.${m.table} DROP COLUMN ${m.prefix}_working_days,
      DROP COLUMN ${m.prefix}_provisional`);
  await runner.query(`DROP TABLE ${m.schema}.holiday_schedule`);
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

type StorableSchedule = HolidaySchedule & { notice: string; loadedBy: string; loadedAt: Date };

/**
 * Writes a year's schedule, replacing the one held; with `onlyIfNewer`, only over an earlier load of
 * the year. True when written.
 */
async function writeHolidaySchedule(
  manager: EntityManager,
  schema: string,
  schedule: StorableSchedule,
  onlyIfNewer: boolean,
): Promise<boolean> {
  const rows = (await manager.query(
    `INSERT INTO ${schema}.holiday_schedule (year, holidays, workdays, notice, loaded_by, loaded_at)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (year) DO UPDATE SET holidays = EXCLUDED.holidays, workdays = EXCLUDED.workdays,
       notice = EXCLUDED.notice, loaded_by = EXCLUDED.loaded_by, loaded_at = EXCLUDED.loaded_at
     ${onlyIfNewer ? `WHERE ${schema}.holiday_schedule.loaded_at < EXCLUDED.loaded_at` : ''}
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

/** Stores a year's schedule as loaded, replacing the one held (the registry's copy). */
export const storeHolidaySchedule = (manager: EntityManager, schema: string, schedule: StorableSchedule) =>
  writeHolidaySchedule(manager, schema, schedule, false).then(() => {});

/**
 * The schedule held for a year; `lock`: FOR UPDATE, so two loads of one year apply one after the
 * other and each compares with what the other stored.
 */
export async function findHolidaySchedule(
  manager: EntityManager,
  schema: string,
  year: number,
  lock = false,
): Promise<StoredHolidaySchedule | null> {
  const rows = (await manager.query(
    `SELECT * FROM ${schema}.holiday_schedule WHERE year = $1${lock ? ' FOR UPDATE' : ''}`,
    [year],
  )) as Row[];
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
export const keepHolidayScheduleCopy = (
  manager: EntityManager,
  schema: string,
  schedule: StorableSchedule,
): Promise<boolean> => writeHolidaySchedule(manager, schema, schedule, true);
