import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  CERTIFICATE_COLUMNS,
  createKnownInstitutionTable,
  createSchemaTables,
  dropSchemaTables,
} from '@jianguan/events';

const S = 'qualification_review';
const OPEN = `('SUBMITTED','UNDER_REVIEW','MATERIALS_REQUESTED')`;

export class Initial1763900000000 implements MigrationInterface {
  name = 'Initial1763900000000';

  async up(runner: QueryRunner): Promise<void> {
    await createSchemaTables(runner, S, [
      createKnownInstitutionTable(S, [...CERTIFICATE_COLUMNS, 'survey_finding text']),
      `CREATE TABLE ${S}.application (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        institution_id uuid NOT NULL REFERENCES ${S}.known_institution(id),
        region_code text NOT NULL,
        type text NOT NULL CHECK (type IN ('NEW_PERMIT','RENEWAL','CHANGE_OF_SCOPE','CHANGE_OF_ADDRESS')),
        status text NOT NULL CHECK (status IN ${OPEN.slice(0, -1)},'APPROVED','REJECTED','WITHDRAWN')),
        track text NOT NULL CHECK (track IN ('ACCELERATED','STANDARD')),
        materials jsonb NOT NULL DEFAULT '[]',
        requested_materials text[] NOT NULL DEFAULT '{}',
        reasons text[] NOT NULL DEFAULT '{}',
        submitted_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        clock_paused_at timestamptz,
        submitted_by text NOT NULL,
        reviewer_id text,
        reviewer_name text,
        decision text CHECK (decision IN ('APPROVE','REJECT')),
        decided_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CHECK ((decision IS NULL) = (decided_at IS NULL)),
        CHECK ((status IN ('APPROVED','REJECTED')) = (decision IS NOT NULL))
      )`,
      `CREATE INDEX application_region_due ON ${S}.application (region_code text_pattern_ops, due_at, id)`,
      // One open application of a kind per institution; two simultaneous submissions cannot both open one.
      `CREATE UNIQUE INDEX application_one_open ON ${S}.application (institution_id, type) WHERE status IN ${OPEN}`,
      `CREATE INDEX application_institution ON ${S}.application (institution_id, submitted_at)`,
      // The reconciler scans open applications only.
      `CREATE INDEX application_open_due ON ${S}.application (due_at) WHERE status IN ${OPEN}`,
      `CREATE TABLE ${S}.status_change (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES ${S}.application(id),
        from_status text,
        to_status text NOT NULL,
        actor_id text NOT NULL,
        actor_name text NOT NULL,
        reason text,
        at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`,
      `CREATE INDEX status_change_application ON ${S}.status_change (application_id, at)`,
      `CREATE SEQUENCE ${S}.permit_serial`,
      `CREATE TABLE ${S}.permit (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL UNIQUE REFERENCES ${S}.application(id),
        institution_id uuid NOT NULL,
        number text NOT NULL UNIQUE,
        issued_at timestamptz NOT NULL
      )`,
      `CREATE TABLE ${S}.review_notification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES ${S}.application(id),
        kind text NOT NULL CHECK (kind IN ('REMINDER','ESCALATION')),
        due_at timestamptz NOT NULL,
        recipient text NOT NULL,
        sent_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (application_id, kind, due_at)
      )`,
    ]);
  }

  async down(runner: QueryRunner): Promise<void> {
    await dropSchemaTables(runner, S, [
      'review_notification',
      'permit',
      'status_change',
      'application',
      'known_institution',
    ]);
    await runner.query(`DROP SEQUENCE IF EXISTS ${S}.permit_serial`);
  }
}
