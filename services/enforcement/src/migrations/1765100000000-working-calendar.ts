import type { MigrationInterface, QueryRunner } from 'typeorm';
import { addWorkingDays, removeWorkingDays, type WorkingDayMigration } from '@jianguan/platform';

const S = 'enforcement';

const WORKING_DAYS: WorkingDayMigration = {
  schema: S,
  table: 'rectification_order',
  prefix: 'deadline',
  notificationTable: 'notification',
  kindsBefore: ['REMINDER', 'DEADLINE_MISSED', 'ESCALATION', 'DISCIPLINE_REFERRAL'],
  changedKind: 'DEADLINE_CHANGED',
};

/**
 * Working days from the calendar kept as data (docs/design.md, "Working days"): this department's copy
 * of the holiday schedules, and what an order needs to have its deadline recounted when a year's
 * schedule is loaded.
 */
export class WorkingCalendar1765100000000 implements MigrationInterface {
  name = 'WorkingCalendar1765100000000';

  async up(runner: QueryRunner): Promise<void> {
    await addWorkingDays(runner, WORKING_DAYS);
    await runner.query(`CREATE INDEX rectification_order_provisional ON ${S}.rectification_order (deadline)
      WHERE deadline_provisional AND status = 'OPEN'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await removeWorkingDays(runner, WORKING_DAYS);
  }
}
