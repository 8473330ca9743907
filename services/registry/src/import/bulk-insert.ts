import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Claims } from '@jianguan/platform';
import { outboxChannel, parsePayload, type EventPayload, type EventType } from '@jianguan/events';
import type { PlannedInstitution } from './survey-plan';

const S = 'registry';
/** Rows per statement: keeps each statement's parameters a few MB; all run in the caller's transaction. */
export const BULK_CHUNK = 20_000;

async function inChunks<T>(
  items: T[],
  insert: (chunk: T[]) => Promise<unknown>,
  onRows?: (n: number) => void,
) {
  for (let at = 0; at < items.length; at += BULK_CHUNK) {
    const chunk = items.slice(at, at + BULK_CHUNK);
    await insert(chunk);
    onRows?.(chunk.length);
  }
}

export async function insertInstitutions(
  manager: EntityManager,
  planned: PlannedInstitution[],
  onRows?: (n: number) => void,
) {
  await inChunks(
    planned,
    (chunk) =>
      manager.query(
        `INSERT INTO ${S}.institution (id, name, credit_code, kind, category, region_code, address, status,
                on_national_platform, certificate_status, missing_licences, rule_set_version, assessed_on)
         SELECT id, name, code, kind, category, region, address, status, platform, certificate,
                string_to_array(missing, ','), rules, assessed
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                       $8::text[], $9::boolean[], $10::text[], $11::text[], $12::text[], $13::date[])
                AS t(id, name, code, kind, category, region, address, status, platform, certificate, missing,
                     rules, assessed)`,
        [
          chunk.map((p) => p.id),
          chunk.map((p) => p.row.name),
          chunk.map((p) => p.row.creditCode),
          chunk.map((p) => p.row.kind),
          chunk.map((p) => p.row.category),
          chunk.map((p) => p.row.regionCode),
          chunk.map((p) => p.row.address),
          chunk.map((p) => p.status),
          chunk.map((p) => p.row.onNationalPlatform),
          chunk.map((p) => p.certificateStatus),
          chunk.map((p) => p.missingLicences.join(',')),
          chunk.map((p) => p.ruleSetVersion),
          chunk.map((p) => p.assessedOn),
        ],
      ),
    onRows,
  );
}

export async function insertLicences(
  manager: EntityManager,
  planned: PlannedInstitution[],
  onRows?: (n: number) => void,
): Promise<Map<string, { id: string; type: string }>> {
  const licences = planned.flatMap((p) =>
    p.row.licences.map((l) => ({ ...l, id: randomUUID(), institutionId: p.id })),
  );
  await inChunks(
    licences,
    (chunk) =>
      manager.query(
        `INSERT INTO ${S}.licence (id, institution_id, type, number, issued_by, issued_on, valid_until)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::date[],
                              $7::date[])`,
        [
          chunk.map((l) => l.id),
          chunk.map((l) => l.institutionId),
          chunk.map((l) => l.type),
          chunk.map((l) => l.number),
          chunk.map((l) => l.issuedBy),
          chunk.map((l) => l.issuedOn),
          chunk.map((l) => l.validUntil),
        ],
      ),
    onRows,
  );
  // The last licence of each institution, named by the LicenceRecorded of an unsurveyed one.
  return new Map(licences.map((l) => [l.institutionId, { id: l.id, type: l.type }]));
}

export async function insertSurveys(
  manager: EntityManager,
  planned: PlannedInstitution[],
  surveyor: Pick<Claims, 'sub' | 'name'>,
  onRows?: (n: number) => void,
): Promise<number> {
  const surveyed = planned.filter((p) => p.row.survey && p.classification);
  await inChunks(
    surveyed,
    (chunk) =>
      manager.query(
        `INSERT INTO ${S}.survey_record (institution_id, surveyed_at, grid_code, surveyor_id, surveyor_name,
                finding, classification, notes)
         SELECT institution, at, grid, $7, $8, finding, classification, notes
           FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[])
                AS t(institution, at, grid, finding, classification, notes)`,
        [
          chunk.map((p) => p.id),
          chunk.map((p) => p.row.survey!.surveyedAt.toISOString()),
          chunk.map((p) => p.row.survey!.gridCode),
          chunk.map((p) => p.row.survey!.finding),
          chunk.map((p) => p.classification),
          chunk.map((p) => p.row.survey!.notes),
          surveyor.sub,
          surveyor.name,
        ],
      ),
    onRows,
  );
  return surveyed.length;
}

/**
 * One audit line per institution, as each mutation writes one per institution: an institution's
 * history (audit_record by entity) then starts with its import. The `after` is the row as stored,
 * with its licences and survey; the import's id is the request id that ties the lines together.
 */
export async function insertAudit(
  manager: EntityManager,
  planned: PlannedInstitution[],
  actor: Pick<Claims, 'sub' | 'name'>,
  importId: string,
  onRows?: (n: number) => void,
) {
  await inChunks(
    planned,
    (chunk) =>
      manager.query(
        `INSERT INTO ${S}.audit_record (actor_id, actor_name, action, entity_type, entity_id, before, after,
                request_id)
         SELECT $2, $3, 'importInstitution', 'Institution', i.id::text, NULL,
                to_jsonb(i) || jsonb_build_object(
                  'licences', COALESCE((SELECT jsonb_agg(to_jsonb(l) ORDER BY l.type)
                                          FROM ${S}.licence l WHERE l.institution_id = i.id), '[]'::jsonb),
                  'survey', (SELECT to_jsonb(s) FROM ${S}.survey_record s WHERE s.institution_id = i.id)),
                $4
           FROM ${S}.institution i
          WHERE i.id = ANY($1::uuid[])`,
        [chunk.map((p) => p.id), actor.sub, actor.name, importId],
      ),
    onRows,
  );
}

interface PendingEvent<T extends EventType = EventType> {
  type: T;
  payload: EventPayload<T>;
}

/**
 * The events the mutations would have written, in bulk: InstitutionRegistered for every institution,
 * then InstitutionClassified for every survey (or, unsurveyed, one LicenceRecorded carrying the final
 * certificate status when it holds licences). Payloads are checked against the catalogue like
 * recordEvent does; one NOTIFY wakes the relay when the transaction commits.
 */
export async function insertEvents(
  manager: EntityManager,
  planned: PlannedInstitution[],
  licenceIds: Map<string, { id: string; type: string }>,
  occurredAt: Date,
  onRows?: (n: number) => void,
): Promise<Record<string, number>> {
  const events: PendingEvent[] = planned.map((p) => ({
    type: 'InstitutionRegistered',
    payload: {
      institutionId: p.id,
      creditCode: p.row.creditCode,
      name: p.row.name,
      kind: p.row.kind,
      category: p.row.category,
      regionCode: p.row.regionCode,
    },
  }));
  for (const p of planned) {
    const last = licenceIds.get(p.id);
    if (p.row.survey) {
      events.push({
        type: 'InstitutionClassified',
        payload: {
          institutionId: p.id,
          regionCode: p.row.regionCode,
          certificateStatus: p.certificateStatus,
          missingLicences: p.missingLicences,
          surveyFinding: p.classification!,
          onNationalPlatform: p.row.onNationalPlatform,
        },
      });
    } else if (last) {
      events.push({
        type: 'LicenceRecorded',
        payload: {
          institutionId: p.id,
          regionCode: p.row.regionCode,
          licenceId: last.id,
          licenceType: last.type,
          certificateStatus: p.certificateStatus,
          missingLicences: p.missingLicences,
        },
      } as PendingEvent<'LicenceRecorded'>);
    }
  }
  await inChunks(
    events,
    (chunk) =>
      manager.query(
        `INSERT INTO ${S}.outbox (id, type, producer, payload, occurred_at)
         SELECT id, type, 'registry', payload, $4 FROM unnest($1::uuid[], $2::text[], $3::jsonb[])
           WITH ORDINALITY AS t(id, type, payload, n) ORDER BY n`,
        [
          chunk.map(() => randomUUID()),
          chunk.map((e) => e.type),
          chunk.map((e) => JSON.stringify(parsePayload(e.type, e.payload))),
          occurredAt.toISOString(),
        ],
      ),
    onRows,
  );
  await manager.query('SELECT pg_notify($1, $2)', [outboxChannel(S), 'import']);
  const counts: Record<string, number> = {};
  for (const e of events) counts[e.type] = (counts[e.type] ?? 0) + 1;
  return counts;
}
