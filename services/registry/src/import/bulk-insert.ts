import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { copyRows, type Claims, type CopyValue } from '@jianguan/platform';
import { outboxChannel, type EventPayload, type EventType } from '@jianguan/events';
import { institutionAuditAfter, type StoredDefaults } from './institution-audit';
import type { PlannedInstitution } from './survey-plan';

// Every write is a COPY on the caller's transaction: all or nothing, with every constraint, foreign key
// and index of the tables checked as for INSERT.

const S = 'registry';

/** A COPY into one registry table of the rows the plan gives it. */
const copyPlanned =
  (
    table: string,
    columns: string[],
    rowsOf: (planned: PlannedInstitution[]) => Iterable<readonly CopyValue[]>,
  ) =>
  (manager: EntityManager, planned: PlannedInstitution[], onRows?: (n: number) => void) =>
    copyRows(manager, `${S}.${table}`, columns, rowsOf(planned), onRows);

export const copyInstitutions = copyPlanned(
  'institution',
  [
    'id',
    'name',
    'credit_code',
    'kind',
    'category',
    'region_code',
    'address',
    'status',
    'on_national_platform',
    'certificate_status',
    'missing_licences',
    'rule_set_version',
    'assessed_on',
  ],
  (planned) =>
    planned.map((p) => [
      p.id,
      p.row.name,
      p.row.creditCode,
      p.row.kind,
      p.row.category,
      p.row.regionCode,
      p.row.address,
      p.status,
      p.row.onNationalPlatform,
      p.certificateStatus,
      p.missingLicences,
      p.ruleSetVersion,
      p.assessedOn,
    ]),
);

function* licenceRows(planned: PlannedInstitution[]) {
  for (const p of planned) {
    for (const l of p.licences) yield [l.id, p.id, l.type, l.number, l.issuedBy, l.issuedOn, l.validUntil];
  }
}

export const copyLicences = copyPlanned(
  'licence',
  ['id', 'institution_id', 'type', 'number', 'issued_by', 'issued_on', 'valid_until'],
  licenceRows,
);

function* surveyRows(planned: PlannedInstitution[], surveyor: Pick<Claims, 'sub' | 'name'>) {
  for (const p of planned) {
    const survey = p.row.survey;
    if (!survey || !p.surveyId) continue;
    yield [
      p.surveyId,
      p.id,
      survey.surveyedAt,
      survey.gridCode,
      surveyor.sub,
      surveyor.name,
      survey.finding,
      p.classification,
      survey.notes,
    ];
  }
}

export const copySurveys = (
  manager: EntityManager,
  planned: PlannedInstitution[],
  surveyor: Pick<Claims, 'sub' | 'name'>,
  onRows?: (n: number) => void,
) =>
  copyRows(
    manager,
    `${S}.survey_record`,
    [
      'id',
      'institution_id',
      'surveyed_at',
      'grid_code',
      'surveyor_id',
      'surveyor_name',
      'finding',
      'classification',
      'notes',
    ],
    surveyRows(planned, surveyor),
    onRows,
  );

/**
 * One audit line per institution, as each mutation writes one per institution: an institution's
 * history (audit_record by entity) then starts with its import. The `after` is the row as stored,
 * with its licences and survey; the import's id is the request id that ties the lines together.
 */
export const copyAudit = (
  manager: EntityManager,
  planned: PlannedInstitution[],
  actor: Pick<Claims, 'sub' | 'name'>,
  importId: string,
  defaults: StoredDefaults,
  onRows?: (n: number) => void,
) =>
  copyRows(
    manager,
    `${S}.audit_record`,
    ['actor_id', 'actor_name', 'action', 'entity_type', 'entity_id', 'before', 'after', 'request_id'],
    (function* () {
      for (const p of planned) {
        yield [
          actor.sub,
          actor.name,
          'importInstitution',
          'Institution',
          p.id,
          null,
          institutionAuditAfter(p, actor, defaults),
          importId,
        ];
      }
    })(),
    onRows,
  );

export interface PendingEvent<T extends EventType = EventType> {
  type: T;
  payload: EventPayload<T>;
}

/**
 * The events the mutations would have written, in their order: InstitutionRegistered for every
 * institution, then InstitutionClassified for every survey (or, unsurveyed, one LicenceRecorded
 * carrying the final certificate status when it holds licences, naming its last licence).
 */
export function* importEvents(planned: PlannedInstitution[]): Generator<PendingEvent> {
  for (const p of planned) {
    yield {
      type: 'InstitutionRegistered',
      payload: {
        institutionId: p.id,
        creditCode: p.row.creditCode,
        name: p.row.name,
        kind: p.row.kind,
        category: p.row.category,
        regionCode: p.row.regionCode,
      },
    } satisfies PendingEvent<'InstitutionRegistered'>;
  }
  for (const p of planned) {
    const last = p.licences.at(-1);
    if (p.row.survey && p.classification) {
      yield {
        type: 'InstitutionClassified',
        payload: {
          institutionId: p.id,
          regionCode: p.row.regionCode,
          certificateStatus: p.certificateStatus,
          missingLicences: p.missingLicences,
          surveyFinding: p.classification,
          onNationalPlatform: p.row.onNationalPlatform,
        },
      } satisfies PendingEvent<'InstitutionClassified'>;
    } else if (last) {
      yield {
        type: 'LicenceRecorded',
        payload: {
          institutionId: p.id,
          regionCode: p.row.regionCode,
          licenceId: last.id,
          licenceType: last.type,
          certificateStatus: p.certificateStatus,
          missingLicences: p.missingLicences,
        },
      } satisfies PendingEvent<'LicenceRecorded'>;
    }
  }
}

/**
 * Writes the import's events to the outbox; one NOTIFY wakes the relay when the transaction commits.
 * The payloads are built from rows already checked against the registry's rules, in the catalogue's
 * shape (the types say so; a test parses every payload of an import with the catalogue).
 */
export async function copyEvents(
  manager: EntityManager,
  planned: PlannedInstitution[],
  occurredAt: Date,
  onRows?: (n: number) => void,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const at = occurredAt.toISOString();
  await copyRows(
    manager,
    `${S}.outbox`,
    ['id', 'type', 'producer', 'payload', 'occurred_at'],
    (function* () {
      for (const e of importEvents(planned)) {
        counts[e.type] = (counts[e.type] ?? 0) + 1;
        yield [randomUUID(), e.type, 'registry', e.payload, at];
      }
    })(),
    onRows,
  );
  await manager.query('SELECT pg_notify($1, $2)', [outboxChannel(S), 'import']);
  return counts;
}
