import type { Claims } from '@jianguan/platform';
import type { PlannedInstitution } from './survey-plan';

/**
 * An instant as PostgreSQL's to_jsonb writes a timestamptz in a session whose TimeZone is UTC:
 * `2018-11-05T02:00:00+00:00`, with the fraction of a second only when there is one, trailing zeros
 * dropped. The import's transaction sets TimeZone to UTC so that this is exact.
 */
export function jsonInstant(at: Date): string {
  const iso = at.toISOString(); // 2018-11-05T02:00:00.120Z
  const fraction = iso.slice(20, 23).replace(/0+$/, '');
  return `${iso.slice(0, 19)}${fraction ? `.${fraction}` : ''}+00:00`;
}

/** What the transaction's defaults fill in: now() (as to_jsonb writes it) for registered_at and recorded_at. */
export interface StoredDefaults {
  now: string;
}

/**
 * The `after` of an institution's import audit line: the institution row as stored (to_jsonb of the
 * row: every column, snake_case), with its licences (ordered by type) and its survey record, so the
 * line reads as `to_jsonb(i) || {licences: [to_jsonb(l)…], survey: to_jsonb(s)}` would. Built from the
 * rows the import writes, rather than read back, so the database only stores it.
 */
export function institutionAuditAfter(
  p: PlannedInstitution,
  surveyor: Pick<Claims, 'sub' | 'name'>,
  defaults: StoredDefaults,
): object {
  const { row } = p;
  return {
    id: p.id,
    name: row.name,
    credit_code: row.creditCode,
    kind: row.kind,
    category: row.category,
    region_code: row.regionCode,
    address: row.address,
    status: p.status,
    on_national_platform: row.onNationalPlatform,
    certificate_status: p.certificateStatus,
    missing_licences: p.missingLicences,
    rule_set_version: p.ruleSetVersion,
    training_stop_ordered_at: null,
    registered_at: defaults.now,
    version: 1,
    assessed_on: p.assessedOn,
    licences: [...p.licences]
      .sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : 0))
      .map((l) => ({
        id: l.id,
        institution_id: p.id,
        type: l.type,
        number: l.number,
        issued_by: l.issuedBy,
        issued_on: l.issuedOn,
        valid_until: l.validUntil,
        recorded_at: defaults.now,
      })),
    survey:
      row.survey && p.surveyId
        ? {
            id: p.surveyId,
            institution_id: p.id,
            surveyed_at: jsonInstant(row.survey.surveyedAt),
            grid_code: row.survey.gridCode,
            surveyor_id: surveyor.sub,
            surveyor_name: surveyor.name,
            finding: row.survey.finding,
            classification: p.classification,
            notes: row.survey.notes,
            recorded_at: defaults.now,
          }
        : null,
  };
}
