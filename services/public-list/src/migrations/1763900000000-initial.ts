import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createSchemaTables, dropSchemaTables } from '@jianguan/events';

export class Initial1763900000000 implements MigrationInterface {
  name = 'Initial1763900000000';

  // Long on purpose: the schema's first statements, one after another; a migration is never edited
  // once released, only followed by another.
  async up(runner: QueryRunner): Promise<void> {
    await createSchemaTables(runner, 'public_list', [
      // Trigram search on Chinese names and pinyin. The extension lives in `public` (shared by every
      // service schema); operator classes are schema-qualified so search_path does not matter.
      `CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public`,
      `CREATE TABLE public_list.region (
        code text PRIMARY KEY CHECK (code ~ '^[0-9]{2,12}$'),
        name text NOT NULL
      )`,
      // Every event that concerns an institution, keyed by event id: the list is re-derived from these
      // in event-time order, so arrival order and redelivery do not change the result.
      `CREATE TABLE public_list.listing_fact (
        event_id uuid PRIMARY KEY,
        institution_id uuid NOT NULL,
        type text NOT NULL,
        occurred_at timestamptz NOT NULL,
        payload jsonb NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE INDEX listing_fact_institution ON public_list.listing_fact (institution_id, occurred_at, event_id)`,
      `CREATE TABLE public_list.listing (
        institution_id uuid PRIMARY KEY,
        credit_code char(18) UNIQUE,
        name text,
        name_pinyin text,
        name_initials text,
        name_bigrams text[] NOT NULL DEFAULT '{}',
        kind text,
        category text,
        region_code text,
        certificate_status text,
        list text CHECK (list IN ('WHITE','GREY','BLACK')),
        reason_code text,
        reason text,
        since timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE INDEX listing_list_region ON public_list.listing (list, region_code text_pattern_ops, name, credit_code)`,
      `CREATE INDEX listing_region ON public_list.listing (region_code text_pattern_ops)`,
      `CREATE INDEX listing_name_trgm ON public_list.listing USING gin (name public.gin_trgm_ops)`,
      // Two-character fragments yield no trigram for an infix LIKE; the bigram array answers them.
      `CREATE INDEX listing_name_bigrams ON public_list.listing USING gin (name_bigrams)`,
      `CREATE INDEX listing_initials ON public_list.listing (name_initials text_pattern_ops)`,
      `CREATE INDEX listing_pinyin ON public_list.listing (name_pinyin text_pattern_ops)`,
      `CREATE INDEX listing_initials_trgm ON public_list.listing USING gin (name_initials public.gin_trgm_ops)`,
      `CREATE INDEX listing_pinyin_trgm ON public_list.listing USING gin (name_pinyin public.gin_trgm_ops)`,
      `CREATE TABLE public_list.listing_change (
        institution_id uuid NOT NULL,
        seq integer NOT NULL,
        from_list text,
        to_list text,
        reason_code text NOT NULL,
        reason text NOT NULL,
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        occurred_at timestamptz NOT NULL,
        region_code text,
        PRIMARY KEY (institution_id, seq)
      )`,
      `CREATE INDEX listing_change_region ON public_list.listing_change (region_code text_pattern_ops, occurred_at)`,
      `CREATE TABLE public_list.typical_case (
        case_id uuid PRIMARY KEY,
        institution_id uuid,
        region_code text NOT NULL,
        title text NOT NULL,
        summary text NOT NULL,
        published_at timestamptz NOT NULL
      )`,
      `CREATE INDEX typical_case_region ON public_list.typical_case (region_code text_pattern_ops, published_at DESC, case_id)`,
      // One row: bumped whenever any list changes, so cached anonymous answers can be keyed by it.
      `CREATE TABLE public_list.list_state (
        id integer PRIMARY KEY CHECK (id = 1),
        version bigint NOT NULL,
        changed_at timestamptz
      )`,
      `INSERT INTO public_list.list_state (id, version, changed_at) VALUES (1, 0, NULL)`,
    ]);
  }

  async down(runner: QueryRunner): Promise<void> {
    await dropSchemaTables(runner, 'public_list', [
      'list_state',
      'typical_case',
      'listing_change',
      'listing',
      'listing_fact',
      'region',
    ]);
  }
}
