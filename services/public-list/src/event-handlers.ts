import type { EntityManager } from 'typeorm';
import type { EventEnvelope, EventHandlers, EventType } from '@jianguan/events';
import {
  deriveListing,
  eventTimeOf,
  LISTING_EVENT_TYPES,
  type ListingEventType,
  type ListingFact,
} from './domain/listing-rules';
import { bigrams, pinyinKeys } from './domain/name-index';
import { bumpListVersion } from './list-version';

const SCHEMA = 'public_list';

/**
 * Records one fact about an institution and re-derives its list from all its facts in event-time
 * order. The row lock serialises concurrent events about the same institution; the fact's primary
 * key (the event id) makes a redelivery a no-op even without the inbox.
 */
export async function applyListingFact(manager: EntityManager, envelope: EventEnvelope): Promise<void> {
  const type = envelope.type as ListingEventType;
  const payload = envelope.payload as { institutionId: string } & Record<string, unknown>;
  const institutionId = payload.institutionId;
  const occurredAt = eventTimeOf(type, payload, envelope.occurredAt);

  await manager.query(
    `INSERT INTO ${SCHEMA}.listing (institution_id) VALUES ($1) ON CONFLICT (institution_id) DO NOTHING`,
    [institutionId],
  );
  await manager.query(`SELECT 1 FROM ${SCHEMA}.listing WHERE institution_id = $1 FOR UPDATE`, [
    institutionId,
  ]);
  const inserted = (await manager.query(
    `INSERT INTO ${SCHEMA}.listing_fact (event_id, institution_id, type, occurred_at, payload)
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
    [envelope.id, institutionId, type, occurredAt, JSON.stringify(payload)],
  )) as unknown[];
  if (inserted.length === 0) return;

  const rows = (await manager.query(
    `SELECT event_id, type, occurred_at, payload FROM ${SCHEMA}.listing_fact WHERE institution_id = $1`,
    [institutionId],
  )) as { event_id: string; type: ListingEventType; occurred_at: Date; payload: never }[];
  const facts: ListingFact[] = rows.map((r) => ({
    eventId: r.event_id,
    type: r.type,
    occurredAt: new Date(r.occurred_at),
    payload: r.payload,
  }));
  const derived = deriveListing(facts);
  const keys = derived.name ? pinyinKeys(derived.name) : null;

  await manager.query(
    `UPDATE ${SCHEMA}.listing SET credit_code = $2, name = $3, name_pinyin = $4, name_initials = $5,
       name_bigrams = $6, kind = $7, category = $8, region_code = $9, certificate_status = $10,
       list = $11, reason_code = $12, reason = $13, since = $14, updated_at = now()
     WHERE institution_id = $1`,
    [
      institutionId,
      derived.creditCode,
      derived.name,
      keys?.full ?? null,
      keys?.initials ?? null,
      derived.name ? bigrams(derived.name) : [],
      derived.kind,
      derived.category,
      derived.regionCode,
      derived.certificateStatus,
      derived.list,
      derived.reasonCode,
      derived.reason,
      derived.since,
    ],
  );
  // History is derived too: an event that arrives late (by event time) rewrites what followed it.
  await manager.query(`DELETE FROM ${SCHEMA}.listing_change WHERE institution_id = $1`, [institutionId]);
  if (derived.history.length > 0) {
    const h = derived.history;
    await manager.query(
      `INSERT INTO ${SCHEMA}.listing_change
         (institution_id, seq, from_list, to_list, reason_code, reason, event_id, event_type, occurred_at, region_code)
       SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::uuid[],
         $8::text[], $9::timestamptz[], $10::text[])`,
      [
        institutionId,
        h.map((c) => c.seq),
        h.map((c) => c.fromList),
        h.map((c) => c.toList),
        h.map((c) => c.reasonCode),
        h.map((c) => c.reason),
        h.map((c) => c.eventId),
        h.map((c) => c.eventType),
        h.map((c) => c.occurredAt),
        h.map((c) => c.regionCode),
      ],
    );
  }
  await bumpListVersion(manager);
}

async function publishTypicalCase(manager: EntityManager, envelope: EventEnvelope<'TypicalCasePublished'>) {
  const p = envelope.payload;
  const inserted = (await manager.query(
    `INSERT INTO ${SCHEMA}.typical_case (case_id, institution_id, region_code, title, summary, published_at)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (case_id) DO NOTHING RETURNING case_id`,
    [p.caseId, p.institutionId, p.regionCode, p.title, p.summary, p.publishedAt],
  )) as unknown[];
  if (inserted.length > 0) await bumpListVersion(manager);
}

/** Every event that reaches public-list: the list facts, and published typical cases. */
export const publicListEventHandlers: EventHandlers = {
  ...(Object.fromEntries(LISTING_EVENT_TYPES.map((type) => [type, applyListingFact])) as EventHandlers),
  TypicalCasePublished: publishTypicalCase,
};

/** Applies an envelope as the consumer would (for replays and tests), without the inbox. */
export async function applyEvent(manager: EntityManager, envelope: EventEnvelope): Promise<void> {
  const handler = publicListEventHandlers[envelope.type as EventType] as
    ((m: EntityManager, e: EventEnvelope) => Promise<void>) | undefined;
  if (handler) await handler(manager, envelope);
}
