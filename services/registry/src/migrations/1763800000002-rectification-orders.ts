import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The registry's read model of enforcement's rectification orders: only which are still open, so an
 * institution shows RECTIFYING while any is. Closed rows stay, so a late "issued" cannot reopen one.
 */
export class RectificationOrders1763800000002 implements MigrationInterface {
  name = 'RectificationOrders1763800000002';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE registry.rectification_order (
      order_id uuid PRIMARY KEY,
      institution_id uuid NOT NULL REFERENCES registry.institution(id),
      open boolean NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await runner.query(
      `CREATE INDEX rectification_order_open ON registry.rectification_order (institution_id) WHERE open`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE registry.rectification_order`);
  }
}
