import type { MigrationInterface, QueryRunner } from 'typeorm';

const S = 'enforcement';

/**
 * The campaign and the lists as the regulator runs them (docs/design.md §9): late rectification, the
 * black-list entries and their removal, measures with a term, campaign scope and enrolment progress.
 */
export class CampaignAndLists1764100000001 implements MigrationInterface {
  name = 'CampaignAndLists1764100000001';

  async up(runner: QueryRunner): Promise<void> {
    const statements = [
      // An overdue order confirmed late keeps the escalation level it reached.
      `ALTER TABLE ${S}.rectification_order ADD COLUMN rectified_late boolean NOT NULL DEFAULT false`,
      `DO $$ DECLARE c text; BEGIN
         FOR c IN SELECT conname FROM pg_constraint
                   WHERE conrelid = '${S}.rectification_order'::regclass AND contype = 'c'
                     AND pg_get_constraintdef(oid) LIKE '%escalation_level IS NULL%'
         LOOP EXECUTE format('ALTER TABLE ${S}.rectification_order DROP CONSTRAINT %I', c); END LOOP;
       END $$`,
      `ALTER TABLE ${S}.rectification_order ADD CONSTRAINT rectification_order_escalated_status
         CHECK (escalation_level IS NULL OR status IN ('OVERDUE','ESCALATED','CLOSED')
                OR (status = 'RECTIFIED' AND rectified_late))`,
      `CREATE INDEX rectification_order_open_by_institution ON ${S}.rectification_order (institution_id)
         WHERE status IN ('OPEN','OVERDUE','ESCALATED')`,
      `DO $$ DECLARE c text; BEGIN
         FOR c IN SELECT conname FROM pg_constraint
                   WHERE conrelid = '${S}.escalation_case'::regclass AND contype = 'c'
                     AND pg_get_constraintdef(oid) LIKE '%ACTION_RECORDED%'
         LOOP EXECUTE format('ALTER TABLE ${S}.escalation_case DROP CONSTRAINT %I', c); END LOOP;
       END $$`,
      `ALTER TABLE ${S}.escalation_case ADD CONSTRAINT escalation_case_outcome
         CHECK (outcome IN ('ACTION_RECORDED','ESCALATED','CLOSED','RECTIFIED_LATE'))`,
      `ALTER TABLE ${S}.known_institution ADD COLUMN on_national_platform boolean`,
      // A measure with a term ends by itself (the deadline queue's MEASURE_END job).
      `ALTER TABLE ${S}.penalty ADD COLUMN ends_at timestamptz,
         ADD COLUMN ended_at timestamptz,
         ADD COLUMN decided_region_code text`,
      `UPDATE ${S}.penalty SET decided_region_code = left(region_code, 6)`,
      `ALTER TABLE ${S}.penalty ALTER COLUMN decided_region_code SET NOT NULL,
         ADD CONSTRAINT penalty_term CHECK (ends_at IS NULL OR ends_at > decided_at)`,
      `CREATE INDEX penalty_running ON ${S}.penalty (ends_at) WHERE ends_at IS NOT NULL AND ended_at IS NULL`,
      // Each reason an institution is on the black list, until a decision (or a pause's end) removes it.
      `CREATE TABLE ${S}.blacklist_entry (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        institution_id uuid NOT NULL REFERENCES ${S}.known_institution(id),
        reason text NOT NULL,
        order_id uuid UNIQUE REFERENCES ${S}.rectification_order(id),
        penalty_id uuid UNIQUE REFERENCES ${S}.penalty(id),
        listed_by_region_code text NOT NULL,
        listed_at timestamptz NOT NULL,
        removed_at timestamptz,
        removed_by_name text,
        removal_reason text
      )`,
      `CREATE INDEX blacklist_entry_in_force ON ${S}.blacklist_entry (institution_id) WHERE removed_at IS NULL`,
      // Orders black-listed before this migration (every order that reached the ladder).
      `INSERT INTO ${S}.blacklist_entry (institution_id, reason, order_id, listed_by_region_code, listed_at)
       SELECT o.institution_id, 'RECTIFICATION_DEADLINE_MISSED', o.id, o.issuing_region_code, o.deadline
         FROM ${S}.rectification_order o WHERE o.escalation_level IS NOT NULL`,
      `INSERT INTO ${S}.blacklist_entry (institution_id, reason, penalty_id, listed_by_region_code, listed_at)
       SELECT p.institution_id, 'PENALTY_' || p.type, p.id, p.decided_region_code, p.decided_at
         FROM ${S}.penalty p WHERE p.type IN ('STOP_OPERATING','LICENCE_REVOCATION','SECTOR_BAN','SUSPEND_PLATFORM')`,
      // Campaign scope and its enrolment of the institutions already on file.
      `ALTER TABLE ${S}.campaign ADD COLUMN kinds text[],
         ADD COLUMN problems text[] NOT NULL DEFAULT '{INCOMPLETE_CERTIFICATES,NOT_ON_NATIONAL_PLATFORM}',
         ADD COLUMN enrolment_cursor uuid,
         ADD COLUMN enrolled integer NOT NULL DEFAULT 0,
         ADD COLUMN enrolment_done_at timestamptz`,
    ];
    for (const sql of statements) await runner.query(sql);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE IF EXISTS ${S}.blacklist_entry`);
    await runner.query(`ALTER TABLE ${S}.campaign DROP COLUMN kinds, DROP COLUMN problems,
      DROP COLUMN enrolment_cursor, DROP COLUMN enrolled, DROP COLUMN enrolment_done_at`);
    await runner.query(`ALTER TABLE ${S}.penalty DROP CONSTRAINT penalty_term, DROP COLUMN ends_at,
      DROP COLUMN ended_at, DROP COLUMN decided_region_code`);
    await runner.query(`ALTER TABLE ${S}.known_institution DROP COLUMN on_national_platform`);
    await runner.query(`ALTER TABLE ${S}.escalation_case DROP CONSTRAINT escalation_case_outcome`);
    await runner.query(`ALTER TABLE ${S}.rectification_order DROP CONSTRAINT rectification_order_escalated_status,
      DROP COLUMN rectified_late`);
    await runner.query(`DROP INDEX IF EXISTS ${S}.rectification_order_open_by_institution`);
  }
}
