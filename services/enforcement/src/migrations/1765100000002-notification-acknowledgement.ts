import type { MigrationInterface, QueryRunner } from 'typeorm';

const S = 'enforcement';

/** A notice's recipient can mark it read (acknowledged): when, and by whom (docs/design.md §5). */
export class NotificationAcknowledgement1765100000002 implements MigrationInterface {
  name = 'NotificationAcknowledgement1765100000002';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE ${S}.notification
      ADD COLUMN acknowledged_at timestamptz,
      ADD COLUMN acknowledged_by_name text`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(
      `ALTER TABLE ${S}.notification DROP COLUMN acknowledged_at, DROP COLUMN acknowledged_by_name`,
    );
  }
}
