import type { MigrationInterface, QueryRunner } from 'typeorm';
import { addWorkingDays, removeWorkingDays, type WorkingDayMigration } from '@jianguan/platform';

const WORKING_DAYS: WorkingDayMigration = {
  schema: 'qualification_review',
  table: 'application',
  prefix: 'due',
  notificationTable: 'review_notification',
  kindsBefore: ['REMINDER', 'ESCALATION'],
  changedKind: 'DUE_CHANGED',
};

/**
 * Working days from the calendar kept as data (docs/design.md, "Working days"): this department's copy
 * of the holiday schedules, and what an application needs to have its time limit recounted.
 */
export class WorkingCalendar1765100000000 implements MigrationInterface {
  name = 'WorkingCalendar1765100000000';

  async up(runner: QueryRunner): Promise<void> {
    await addWorkingDays(runner, WORKING_DAYS);
  }

  async down(runner: QueryRunner): Promise<void> {
    await removeWorkingDays(runner, WORKING_DAYS);
  }
}
