import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createSchemaTables, dropSchemaTables } from '@jianguan/events';

export class Initial1763800000000 implements MigrationInterface {
  name = 'Initial1763800000000';

  async up(runner: QueryRunner): Promise<void> {
    await createSchemaTables(runner, 'registry', [
      `CREATE TABLE registry.region (
        code text PRIMARY KEY CHECK (code ~ '^[0-9]{2}([0-9]{2}([0-9]{2}([0-9]{3}([0-9]{3})?)?)?)?$'),
        name text NOT NULL,
        level text NOT NULL CHECK (level IN ('PROVINCE','CITY','COUNTY','TOWNSHIP','VILLAGE')),
        parent_code text REFERENCES registry.region(code)
      )`,
      `CREATE INDEX region_parent ON registry.region (parent_code)`,
      `CREATE TABLE registry.institution (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
        credit_code char(18) NOT NULL UNIQUE,
        kind text NOT NULL CHECK (kind IN ('OFFLINE','ONLINE')),
        category text NOT NULL CHECK (category IN ('SUBJECT','NON_SUBJECT')),
        region_code text NOT NULL REFERENCES registry.region(code),
        address text NOT NULL,
        status text NOT NULL CHECK (status IN ('ACTIVE','RECTIFYING','SUSPENDED','BANNED','CLOSED')),
        on_national_platform boolean NOT NULL DEFAULT false,
        certificate_status text NOT NULL CHECK (certificate_status IN ('COMPLETE','INCOMPLETE','NONE')),
        missing_licences text[] NOT NULL,
        rule_set_version text NOT NULL,
        training_stop_ordered_at timestamptz,
        registered_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`,
      // Subtree filters are prefix matches on the division code.
      `CREATE INDEX institution_region ON registry.institution (region_code text_pattern_ops)`,
      `CREATE INDEX institution_name_order ON registry.institution (name, id)`,
      `CREATE TABLE registry.licence (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        institution_id uuid NOT NULL REFERENCES registry.institution(id),
        type text NOT NULL,
        number text NOT NULL,
        issued_by text NOT NULL,
        issued_on date NOT NULL,
        valid_until date CHECK (valid_until IS NULL OR valid_until >= issued_on),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (type, number)
      )`,
      `CREATE INDEX licence_institution ON registry.licence (institution_id)`,
      `CREATE TABLE registry.survey_record (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        institution_id uuid NOT NULL REFERENCES registry.institution(id),
        surveyed_at timestamptz NOT NULL,
        grid_code text NOT NULL REFERENCES registry.region(code),
        surveyor_id text NOT NULL,
        surveyor_name text NOT NULL,
        finding text NOT NULL CHECK (finding IN ('OPERATING','CLOSED','NOT_FOUND')),
        classification text NOT NULL,
        notes text,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE INDEX survey_record_institution ON registry.survey_record (institution_id, surveyed_at)`,
    ]);
  }

  async down(runner: QueryRunner): Promise<void> {
    await dropSchemaTables(runner, 'registry', ['survey_record', 'licence', 'institution', 'region']);
  }
}
