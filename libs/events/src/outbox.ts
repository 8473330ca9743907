import { randomUUID } from 'node:crypto';
import { Entity, type EntityManager } from 'typeorm';
import { BigIntColumn, IntColumn, JsonColumn, TextColumn, TimeColumn, UuidColumn } from '@jianguan/platform';
import { catalogue, type EventPayloadInput, type EventType } from './catalogue';
import { EventContractError, parsePayload, type EventEnvelope } from './envelope';
import type { ServiceName } from './vocabulary';

/**
 * An event waiting to be published (docs/design.md §4). It is written in the same transaction as the
 * change it reports, so an event exists exactly when its change committed; the relay publishes it later.
 */
@Entity({ name: 'outbox' })
export class OutboxEvent {
  @UuidColumn({ primary: true })
  id: string;

  @TextColumn()
  type: string;

  @TextColumn()
  producer: string;

  @JsonColumn()
  payload: object;

  @TimeColumn()
  occurredAt: Date;

  @TimeColumn({ nullable: true })
  publishedAt: Date | null;

  /** How many times the relay tried to publish it; more than 1 means Redis refused it at least once. */
  @IntColumn({ default: 0 })
  attempts: number;

  /** Insertion order, to break ties between events recorded in the same millisecond. */
  @BigIntColumn({ insert: false, update: false })
  seq: string;
}

/** The NOTIFY channel of one schema's outbox, so each service's relay wakes only for its own events. */
export const outboxChannel = (schema: string): string => `outbox_${schema}`;

/** DDL for a service's outbox, run inside that service's migration. */
export function outboxTableSql(schema: string): string[] {
  return [
    `CREATE TABLE "${schema}".outbox (
      id uuid PRIMARY KEY,
      type text NOT NULL,
      producer text NOT NULL,
      payload jsonb NOT NULL,
      occurred_at timestamptz NOT NULL,
      published_at timestamptz,
      attempts integer NOT NULL DEFAULT 0,
      seq bigint GENERATED ALWAYS AS IDENTITY
    )`,
    // The relay only ever looks for unpublished rows, in order; published ones drop out of the index.
    `CREATE INDEX outbox_unpublished ON "${schema}".outbox (occurred_at, seq) WHERE published_at IS NULL`,
  ];
}

/** The schema the data source maps OutboxEvent to; the entity must be registered with it. */
function outboxSchema(manager: EntityManager): string {
  if (!manager.dataSource.hasMetadata(OutboxEvent)) {
    throw new Error(
      'OutboxEvent is not among the data source entities: add eventEntities to createDataSource',
    );
  }
  return manager.dataSource.getMetadata(OutboxEvent).schema ?? 'public';
}

/** One event of a batch: its type and payload, typed together. */
export type EventDraft = { [T in EventType]: { type: T; payload: EventPayloadInput<T> } }[EventType];

/**
 * Records a domain event with the caller's manager, so it commits or rolls back with the change.
 * The payload is checked against the catalogue and the producer must be the event's producer:
 * breaking either is a programming error and throws EventContractError.
 * The NOTIFY that wakes the relay is delivered by Postgres only when the transaction commits.
 */
export async function recordEvent<T extends EventType>(
  manager: EntityManager,
  producer: ServiceName,
  type: T,
  payload: EventPayloadInput<T>,
  occurredAt: Date = new Date(),
): Promise<EventEnvelope<T>> {
  const [envelope] = await recordEvents(manager, producer, [{ type, payload } as EventDraft], occurredAt);
  return envelope as EventEnvelope<T>;
}

/**
 * Records many events (a batch step's) like recordEvent, with one INSERT and one NOTIFY; they keep
 * their order in the outbox.
 */
export async function recordEvents(
  manager: EntityManager,
  producer: ServiceName,
  events: EventDraft[],
  occurredAt: Date = new Date(),
): Promise<EventEnvelope<EventType>[]> {
  if (events.length === 0) return [];
  const envelopes = events.map(({ type, payload }): EventEnvelope<EventType> => {
    const definition = catalogue[type];
    if (!definition) throw new EventContractError(`Unknown event type ${String(type)}`);
    if (definition.producer !== producer) {
      throw new EventContractError(`${type} is produced by ${definition.producer}, not ${producer}`);
    }
    const parsed = parsePayload(type, payload);
    return { id: randomUUID(), type, producer, occurredAt: occurredAt.toISOString(), payload: parsed };
  });
  const schema = outboxSchema(manager);
  await manager.query(
    `INSERT INTO "${schema}".outbox (id, type, producer, payload, occurred_at, published_at, attempts)
     SELECT id, type, $3, payload, $4, NULL, 0
       FROM unnest($1::uuid[], $2::text[], $5::jsonb[]) WITH ORDINALITY AS e(id, type, payload, n)
      ORDER BY n`,
    [
      envelopes.map((e) => e.id),
      envelopes.map((e) => e.type),
      producer,
      occurredAt,
      envelopes.map((e) => JSON.stringify(e.payload)),
    ],
  );
  await manager.query('SELECT pg_notify($1, $2)', [outboxChannel(schema), envelopes[0].id]);
  return envelopes;
}
