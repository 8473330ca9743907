import { Entity, type EntityManager } from 'typeorm';
import { TextColumn, TimeColumn, UuidColumn } from '@jianguan/platform';

/**
 * An event a consumer has already applied. Claimed in the same transaction as the consumer's own
 * change, so a redelivered event finds its claim and changes nothing, and a failed one leaves none.
 */
@Entity({ name: 'inbox' })
export class InboxRecord {
  @UuidColumn({ primary: true })
  eventId: string;

  @TextColumn({ primary: true })
  consumer: string;

  @TimeColumn({ insert: false, update: false })
  processedAt: Date;
}

/** DDL for a service's inbox, run inside that service's migration. */
export function inboxTableSql(schema: string): string[] {
  return [
    `CREATE TABLE "${schema}".inbox (
      event_id uuid NOT NULL,
      consumer text NOT NULL,
      processed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (event_id, consumer)
    )`,
    // Lets a retention job delete old claims (older than any redelivery could be) cheaply.
    `CREATE INDEX inbox_processed_at ON "${schema}".inbox (processed_at)`,
  ];
}

/**
 * Claims an event for a consumer; true the first time, false when it was already processed.
 * A concurrent claim of the same event waits on the first transaction and then gets false
 * (or true, if the first rolled back), so two workers never both apply it.
 */
export async function claimEvent(
  manager: EntityManager,
  eventId: string,
  consumer: string,
): Promise<boolean> {
  const result = await manager
    .createQueryBuilder()
    .insert()
    .into(InboxRecord)
    .values({ eventId, consumer })
    .orIgnore()
    .returning('event_id')
    .updateEntity(false)
    .execute();
  return Array.isArray(result.raw) && result.raw.length === 1;
}
