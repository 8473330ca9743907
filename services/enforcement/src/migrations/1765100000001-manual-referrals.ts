import type { MigrationInterface, QueryRunner } from 'typeorm';

const S = 'enforcement';

/**
 * Referrals made by hand (docs/design.md §9.5): a province or city official hands a region, a unit or
 * named officials to discipline inspection with the facts and the evidence, without an order's ladder.
 */
export class ManualReferrals1765100000001 implements MigrationInterface {
  name = 'ManualReferrals1765100000001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE ${S}.discipline_referral
      ALTER COLUMN order_id DROP NOT NULL,
      ALTER COLUMN institution_id DROP NOT NULL,
      ADD COLUMN source text NOT NULL DEFAULT 'ESCALATION' CHECK (source IN ('ESCALATION','MANUAL')),
      ADD COLUMN evidence text[] NOT NULL DEFAULT '{}',
      ADD COLUMN referred_by_id text,
      ADD COLUMN referred_by_name text,
      ADD CONSTRAINT discipline_referral_origin CHECK (
        (source = 'ESCALATION' AND order_id IS NOT NULL AND institution_id IS NOT NULL)
        OR (source = 'MANUAL' AND referred_by_id IS NOT NULL))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DELETE FROM ${S}.discipline_referral WHERE source = 'MANUAL'`);
    await runner.query(`ALTER TABLE ${S}.discipline_referral
      DROP CONSTRAINT discipline_referral_origin,
      DROP COLUMN source, DROP COLUMN evidence, DROP COLUMN referred_by_id, DROP COLUMN referred_by_name,
      ALTER COLUMN order_id SET NOT NULL, ALTER COLUMN institution_id SET NOT NULL`);
  }
}
