import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createHolidayScheduleTable } from '@jianguan/platform';

const S = 'enforcement';

/**
 * Working days from the calendar kept as data (docs/design.md, "Working days"): this department's copy
 * of the holiday schedules, and what an order needs to have its deadline recounted when a year's
 * schedule is loaded.
 */
export class WorkingCalendar1765100000000 implements MigrationInterface {
  name = 'WorkingCalendar1765100000000';

  async up(runner: QueryRunner): Promise<void> {
    await createHolidayScheduleTable(runner, S);
    await runner.query(`ALTER TABLE ${S}.rectification_order
      ADD COLUMN deadline_working_days integer CHECK (deadline_working_days > 0),
      ADD COLUMN deadline_provisional boolean NOT NULL DEFAULT false`);
    await runner.query(`CREATE INDEX rectification_order_provisional ON ${S}.rectification_order (deadline)
      WHERE deadline_provisional AND status = 'OPEN'`);
    await runner.query(`ALTER TABLE ${S}.notification DROP CONSTRAINT notification_kind_check`);
    await runner.query(`ALTER TABLE ${S}.notification ADD CONSTRAINT notification_kind_check
      CHECK (kind IN ('REMINDER','DEADLINE_MISSED','ESCALATION','DISCIPLINE_REFERRAL','DEADLINE_CHANGED'))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE ${S}.notification DROP CONSTRAINT notification_kind_check`);
    await runner.query(`ALTER TABLE ${S}.notification ADD CONSTRAINT notification_kind_check
      CHECK (kind IN ('REMINDER','DEADLINE_MISSED','ESCALATION','DISCIPLINE_REFERRAL'))`);
    await runner.query(`ALTER TABLE ${S}.rectification_order DROP COLUMN deadline_working_days,
      DROP COLUMN deadline_provisional`);
    await runner.query(`DROP TABLE ${S}.holiday_schedule`);
  }
}
