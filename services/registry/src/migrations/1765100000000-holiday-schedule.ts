import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createHolidayScheduleTable } from '@jianguan/platform';

/** The working calendar as data (docs/design.md, "Working days"), seeded with the shipped years. */
export class HolidaySchedule1765100000000 implements MigrationInterface {
  name = 'HolidaySchedule1765100000000';

  async up(runner: QueryRunner): Promise<void> {
    await createHolidayScheduleTable(runner, 'registry');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE registry.holiday_schedule`);
  }
}
