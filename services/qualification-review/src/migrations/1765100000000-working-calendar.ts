import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createHolidayScheduleTable } from '@jianguan/platform';

const S = 'qualification_review';

/**
 * Working days from the calendar kept as data (docs/design.md, "Working days"): this department's copy
 * of the holiday schedules, and what an application needs to have its time limit recounted.
 */
export class WorkingCalendar1765100000000 implements MigrationInterface {
  name = 'WorkingCalendar1765100000000';

  async up(runner: QueryRunner): Promise<void> {
    await createHolidayScheduleTable(runner, S);
    await runner.query(`ALTER TABLE ${S}.application
      ADD COLUMN due_working_days integer CHECK (due_working_days > 0),
      ADD COLUMN due_provisional boolean NOT NULL DEFAULT false`);
    await runner.query(`ALTER TABLE ${S}.review_notification DROP CONSTRAINT review_notification_kind_check`);
    await runner.query(`ALTER TABLE ${S}.review_notification ADD CONSTRAINT review_notification_kind_check
      CHECK (kind IN ('REMINDER','ESCALATION','DUE_CHANGED'))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE ${S}.review_notification DROP CONSTRAINT review_notification_kind_check`);
    await runner.query(`ALTER TABLE ${S}.review_notification ADD CONSTRAINT review_notification_kind_check
      CHECK (kind IN ('REMINDER','ESCALATION'))`);
    await runner.query(
      `ALTER TABLE ${S}.application DROP COLUMN due_working_days, DROP COLUMN due_provisional`,
    );
    await runner.query(`DROP TABLE ${S}.holiday_schedule`);
  }
}
