import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The day each institution's certificates were last assessed, so a licence that expires after it
 * (or a new rule set coming into force) is found and the status re-derived without a user's change.
 */
export class CertificateAssessmentDay1763800000003 implements MigrationInterface {
  name = 'CertificateAssessmentDay1763800000003';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE registry.institution
      ADD COLUMN assessed_on date NOT NULL DEFAULT (now() AT TIME ZONE 'Asia/Shanghai')::date`);
    await runner.query(
      `CREATE INDEX licence_valid_until ON registry.licence (valid_until, institution_id) WHERE valid_until IS NOT NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX registry.licence_valid_until`);
    await runner.query(`ALTER TABLE registry.institution DROP COLUMN assessed_on`);
  }
}
