import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  CERTIFICATE_COLUMNS,
  createKnownInstitutionTable,
  createSchemaTables,
  dropSchemaTables,
} from '@jianguan/events';

const S = 'enforcement';

export class Initial1764100000000 implements MigrationInterface {
  name = 'Initial1764100000000';

  // eslint-disable-next-line max-lines-per-function -- a migration is one schema as it was first created, read in the order the statements run
  async up(runner: QueryRunner): Promise<void> {
    await createSchemaTables(runner, S, [
      createKnownInstitutionTable(S, CERTIFICATE_COLUMNS),
      `CREATE TABLE ${S}.campaign (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        region_code text NOT NULL CHECK (region_code ~ '^[0-9]{2,12}$'),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        default_deadline timestamptz NOT NULL,
        created_by_id text NOT NULL,
        created_by_name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at > starts_at)
      )`,
      `CREATE INDEX campaign_active ON ${S}.campaign (starts_at, ends_at)`,
      `CREATE TABLE ${S}.rectification_order (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        institution_id uuid NOT NULL REFERENCES ${S}.known_institution(id),
        region_code text NOT NULL CHECK (region_code ~ '^[0-9]{2,12}$'),
        source text NOT NULL CHECK (source IN ('SURVEY','QUALIFICATION_REVIEW','ONLINE_SCREENING','INSPECTION','COMPLAINT')),
        problems jsonb NOT NULL,
        issuing_region_code text NOT NULL,
        issued_by_id text NOT NULL,
        issued_by_name text NOT NULL,
        issued_at timestamptz NOT NULL,
        deadline timestamptz NOT NULL,
        deadline_set_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('OPEN','RECTIFIED','OVERDUE','ESCALATED','CLOSED')),
        escalation_level text CHECK (escalation_level IN ('COUNTY','CITY','PROVINCE','REFERRED')),
        respond_by timestamptz,
        rectified_at timestamptz,
        evidence text,
        closed_at timestamptz,
        campaign_id uuid REFERENCES ${S}.campaign(id),
        origin_key text UNIQUE,
        version integer NOT NULL DEFAULT 1,
        CHECK ((status = 'RECTIFIED') = (rectified_at IS NOT NULL)),
        CHECK (escalation_level IS NULL OR status IN ('OVERDUE','ESCALATED','CLOSED'))
      )`,
      `CREATE INDEX rectification_order_region ON ${S}.rectification_order (region_code text_pattern_ops, issued_at, id)`,
      `CREATE INDEX rectification_order_campaign ON ${S}.rectification_order (campaign_id) WHERE campaign_id IS NOT NULL`,
      `CREATE INDEX rectification_order_institution ON ${S}.rectification_order (institution_id, issued_at)`,
      // The reconciler scans only orders whose clock or escalation still runs.
      `CREATE INDEX rectification_order_pending ON ${S}.rectification_order (deadline)
         WHERE status IN ('OPEN','OVERDUE','ESCALATED')`,
      `CREATE TABLE ${S}.order_history (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_id uuid NOT NULL REFERENCES ${S}.rectification_order(id),
        action text NOT NULL,
        from_status text,
        to_status text NOT NULL,
        actor_id text NOT NULL,
        actor_name text NOT NULL,
        detail text,
        at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`,
      `CREATE INDEX order_history_order ON ${S}.order_history (order_id, at)`,
      // One row per escalation level of an order: a level is opened at most once.
      `CREATE TABLE ${S}.escalation_case (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_id uuid NOT NULL REFERENCES ${S}.rectification_order(id),
        level text NOT NULL CHECK (level IN ('COUNTY','CITY','PROVINCE')),
        responsible_region_code text NOT NULL,
        opened_at timestamptz NOT NULL,
        respond_by timestamptz NOT NULL,
        outcome text CHECK (outcome IN ('ACTION_RECORDED','ESCALATED','CLOSED')),
        resolved_at timestamptz,
        UNIQUE (order_id, level)
      )`,
      `CREATE TABLE ${S}.enforcement_action (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_id uuid NOT NULL REFERENCES ${S}.rectification_order(id),
        escalation_level text,
        description text NOT NULL,
        recorded_by_id text NOT NULL,
        recorded_by_name text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE INDEX enforcement_action_order ON ${S}.enforcement_action (order_id, recorded_at)`,
      `CREATE TABLE ${S}.discipline_referral (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_id uuid NOT NULL UNIQUE REFERENCES ${S}.rectification_order(id),
        institution_id uuid NOT NULL,
        region_code text NOT NULL,
        responsible_region_code text NOT NULL,
        responsible_unit text NOT NULL,
        officers text[] NOT NULL,
        reason text NOT NULL,
        referred_at timestamptz NOT NULL
      )`,
      `CREATE INDEX discipline_referral_region ON ${S}.discipline_referral (region_code text_pattern_ops, referred_at, id)`,
      // "step" names the step of the ladder and the deadline it was for, so a job run twice notifies once.
      `CREATE TABLE ${S}.notification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_id uuid NOT NULL REFERENCES ${S}.rectification_order(id),
        kind text NOT NULL CHECK (kind IN ('REMINDER','DEADLINE_MISSED','ESCALATION','DISCIPLINE_REFERRAL')),
        step text NOT NULL,
        recipient text NOT NULL,
        message text NOT NULL,
        sent_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        UNIQUE (order_id, step, recipient)
      )`,
      `CREATE INDEX notification_recipient ON ${S}.notification (recipient, sent_at)`,
      `CREATE TABLE ${S}.penalty (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        institution_id uuid NOT NULL REFERENCES ${S}.known_institution(id),
        region_code text NOT NULL,
        order_id uuid REFERENCES ${S}.rectification_order(id),
        type text NOT NULL CHECK (type IN ('WARNING','PUBLIC_CRITICISM','FINE','CONFISCATION','STOP_ENROLLING',
          'STOP_OPERATING','LICENCE_REVOCATION','SECTOR_BAN','SUSPEND_PLATFORM','REMOVE_APPS',
          'CLOSE_WECHAT_ACCOUNTS','CLOSE_MINI_PROGRAMS')),
        amount_fen bigint CHECK (amount_fen IS NULL OR amount_fen > 0),
        description text NOT NULL,
        legal_basis text NOT NULL,
        decided_by_id text NOT NULL,
        decided_by_name text NOT NULL,
        decided_at timestamptz NOT NULL,
        CHECK ((type IN ('FINE','CONFISCATION')) = (amount_fen IS NOT NULL))
      )`,
      `CREATE INDEX penalty_institution ON ${S}.penalty (institution_id, decided_at)`,
      // Online patrol: reminder → yellow → red (two yellows within the window) → shutdown.
      `CREATE TABLE ${S}.patrol_card (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        institution_id uuid NOT NULL REFERENCES ${S}.known_institution(id),
        region_code text NOT NULL,
        card text NOT NULL CHECK (card IN ('REMINDER','YELLOW','RED')),
        reason text NOT NULL,
        penalty_id uuid REFERENCES ${S}.penalty(id),
        issued_by_id text NOT NULL,
        issued_by_name text NOT NULL,
        issued_at timestamptz NOT NULL
      )`,
      `CREATE INDEX patrol_card_institution ON ${S}.patrol_card (institution_id, issued_at)`,
      `CREATE TABLE ${S}.typical_case (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        institution_id uuid REFERENCES ${S}.known_institution(id),
        region_code text NOT NULL CHECK (region_code ~ '^[0-9]{2,12}$'),
        title text NOT NULL,
        summary text NOT NULL,
        published_by_id text NOT NULL,
        published_by_name text NOT NULL,
        published_at timestamptz NOT NULL
      )`,
    ]);
  }

  async down(runner: QueryRunner): Promise<void> {
    await dropSchemaTables(runner, S, [
      'typical_case',
      'patrol_card',
      'penalty',
      'notification',
      'discipline_referral',
      'enforcement_action',
      'escalation_case',
      'order_history',
      'rectification_order',
      'campaign',
      'known_institution',
    ]);
  }
}
