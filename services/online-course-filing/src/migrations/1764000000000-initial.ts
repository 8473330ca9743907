import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createKnownInstitutionTable, createSchemaTables, dropSchemaTables } from '@jianguan/events';

const S = 'online_course_filing';
const STATUSES = `('DRAFT','SUBMITTED','SCREENING','RECTIFICATION_REQUIRED','FILED','REJECTED')`;
const SUBJECTS = `('CHINESE','MATH','ENGLISH','PHYSICS','CHEMISTRY','BIOLOGY','HISTORY','GEOGRAPHY','POLITICS','ART','MUSIC','SPORTS','PROGRAMMING','OTHER')`;
const HHMM = `'^([01][0-9]|2[0-3]):[0-5][0-9]$'`;

export class Initial1764000000000 implements MigrationInterface {
  name = 'Initial1764000000000';

  // eslint-disable-next-line max-lines-per-function -- a migration is one schema as it was first created, read in the order the statements run
  async up(runner: QueryRunner): Promise<void> {
    await createSchemaTables(runner, S, [
      createKnownInstitutionTable(S, [
        'credit_code text',
        `source text NOT NULL DEFAULT 'EVENT' CHECK (source IN ('EVENT','IMPORT'))`,
      ]),
      `CREATE INDEX known_institution_credit_code ON ${S}.known_institution (credit_code)`,
      // Versioned rule sets: each names the policy document that set it and the day it took effect.
      `CREATE TABLE ${S}.rule_set (
        version text PRIMARY KEY,
        document text NOT NULL,
        effective_from date NOT NULL UNIQUE,
        max_lesson_minutes integer NOT NULL CHECK (max_lesson_minutes > 0),
        min_break_minutes integer NOT NULL CHECK (min_break_minutes >= 0),
        live_lessons_end_by text NOT NULL CHECK (live_lessons_end_by ~ ${HHMM}),
        max_prepaid_months integer NOT NULL,
        max_prepaid_lessons integer NOT NULL,
        max_prepaid_fen bigint
      )`,
      `INSERT INTO ${S}.rule_set VALUES
        ('2019', '教育部等六部门关于规范校外线上培训的实施意见（教基〔2019〕8号）', '2019-07-12', 40, 10, '21:00', 3, 60, NULL),
        ('2021', '中共中央办公厅 国务院办公厅《关于进一步减轻义务教育阶段学生作业负担和校外培训负担的意见》（2021年7月）', '2021-07-24', 30, 10, '21:00', 3, 60, 500000)`,
      `CREATE TABLE ${S}.filing (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        institution_id uuid NOT NULL UNIQUE REFERENCES ${S}.known_institution(id),
        region_code text NOT NULL CHECK (region_code ~ '^[0-9]{2,12}$'),
        status text NOT NULL CHECK (status IN ${STATUSES}),
        institution_info jsonb NOT NULL,
        business_info jsonb NOT NULL,
        commitments jsonb NOT NULL DEFAULT '[]',
        rule_set_version text REFERENCES ${S}.rule_set(version),
        submitted_at timestamptz,
        submitted_by text NOT NULL,
        screened_at timestamptz,
        decided_at timestamptz,
        reasons text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CHECK ((status = 'DRAFT') = (submitted_at IS NULL)),
        CHECK ((status = 'DRAFT') OR rule_set_version IS NOT NULL)
      )`,
      `CREATE INDEX filing_region ON ${S}.filing (region_code text_pattern_ops, status)`,
      `CREATE TABLE ${S}.person (
        filing_id uuid NOT NULL REFERENCES ${S}.filing(id) ON DELETE CASCADE,
        line integer NOT NULL,
        name text NOT NULL,
        id_number text NOT NULL CHECK (id_number ~ '^[0-9]{17}[0-9X]$'),
        role text NOT NULL CHECK (role IN ('TEACHER','TEACHING_ASSISTANT','STAFF')),
        subject text CHECK (subject IN ${SUBJECTS}),
        teacher_certificate_number text,
        PRIMARY KEY (filing_id, line)
      )`,
      `CREATE TABLE ${S}.course (
        filing_id uuid NOT NULL REFERENCES ${S}.filing(id) ON DELETE CASCADE,
        line integer NOT NULL,
        title text NOT NULL,
        subject text NOT NULL CHECK (subject IN ${SUBJECTS}),
        grade_from integer NOT NULL CHECK (grade_from BETWEEN 1 AND 12),
        grade_to integer NOT NULL CHECK (grade_to BETWEEN grade_from AND 12),
        lesson_minutes integer NOT NULL CHECK (lesson_minutes > 0),
        break_minutes integer NOT NULL CHECK (break_minutes >= 0),
        delivery text NOT NULL CHECK (delivery IN ('LIVE','RECORDED')),
        schedule text NOT NULL,
        start_time text NOT NULL CHECK (start_time ~ ${HHMM}),
        end_time text NOT NULL CHECK (end_time ~ ${HHMM}),
        fee_per_lesson_fen integer NOT NULL CHECK (fee_per_lesson_fen >= 0),
        billing_mode text NOT NULL CHECK (billing_mode IN ('PER_LESSON','PREPAID')),
        prepaid_months integer,
        prepaid_lessons integer,
        PRIMARY KEY (filing_id, line)
      )`,
      `CREATE TABLE ${S}.finding (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        filing_id uuid NOT NULL REFERENCES ${S}.filing(id) ON DELETE CASCADE,
        source text NOT NULL CHECK (source IN ('RULE','OFFICER')),
        item text,
        rule text NOT NULL,
        document text NOT NULL,
        description text NOT NULL,
        officer_id text,
        officer_name text,
        open boolean NOT NULL DEFAULT true,
        at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`,
      `CREATE INDEX finding_filing ON ${S}.finding (filing_id, at)`,
      `CREATE TABLE ${S}.status_change (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        filing_id uuid NOT NULL REFERENCES ${S}.filing(id) ON DELETE CASCADE,
        from_status text,
        to_status text NOT NULL,
        actor_id text NOT NULL,
        actor_name text NOT NULL,
        reason text,
        at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`,
      `CREATE INDEX status_change_filing ON ${S}.status_change (filing_id, at)`,
    ]);
  }

  async down(runner: QueryRunner): Promise<void> {
    await dropSchemaTables(runner, S, [
      'status_change',
      'finding',
      'course',
      'person',
      'filing',
      'rule_set',
      'known_institution',
    ]);
  }
}
