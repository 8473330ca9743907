import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The measures that hold an institution BANNED or SUSPENDED (docs/design.md §9.3), one row per
 * source: `penalty:<id>`, `blacklist:order:<orderId>` (a missed deadline) or `blacklist:<reason>`.
 * The status is re-derived from the active rows, so it lifts when the last measure ends. Ended rows
 * stay, so a late "imposed" cannot bring one back.
 */
export class Restrictions1763800000004 implements MigrationInterface {
  name = 'Restrictions1763800000004';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE registry.restriction (
      institution_id uuid NOT NULL REFERENCES registry.institution(id),
      source text NOT NULL,
      status text NOT NULL CHECK (status IN ('BANNED','SUSPENDED')),
      active boolean NOT NULL,
      -- Null when the end arrived before the measure itself, or for a measure older than this table.
      imposed_at timestamptz,
      ended_at timestamptz,
      PRIMARY KEY (institution_id, source)
    )`);
    await runner.query(
      `CREATE INDEX restriction_active ON registry.restriction (institution_id) WHERE active`,
    );
    // The latest removal from the black list: events are handled concurrently, so a black-listing
    // may arrive after the removal that lifted it and must then stay lifted.
    await runner.query(`CREATE TABLE registry.blacklist_removal (
      institution_id uuid PRIMARY KEY REFERENCES registry.institution(id),
      removed_at timestamptz NOT NULL
    )`);
    // Institutions banned or suspended before this table existed keep their status. Until now only a
    // black-listing banned, so a removal from the black list lifts a legacy ban; a legacy suspension
    // has no known source and stays until decided otherwise.
    await runner.query(`INSERT INTO registry.restriction (institution_id, source, status, active)
      SELECT id, CASE status WHEN 'BANNED' THEN 'blacklist:legacy' ELSE 'legacy:suspended' END, status, true
        FROM registry.institution
       WHERE status IN ('BANNED','SUSPENDED')`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE registry.blacklist_removal, registry.restriction`);
  }
}
