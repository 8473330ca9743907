import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One change of an institution's list, with the event that caused it and the event's time. */
@Entity({ name: 'listing_change' })
export class ListingChangeEntity {
  @PrimaryColumn({ type: 'uuid', name: 'institution_id' })
  institutionId: string;

  @PrimaryColumn({ type: 'integer' })
  seq: number;

  @Column({ type: 'text', name: 'from_list', nullable: true })
  fromList: string | null;

  @Column({ type: 'text', name: 'to_list', nullable: true })
  toList: string | null;

  @Column({ type: 'text', name: 'reason_code' })
  reasonCode: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'uuid', name: 'event_id' })
  eventId: string;

  @Column({ type: 'text', name: 'event_type' })
  eventType: string;

  @Column({ type: 'timestamptz', name: 'occurred_at' })
  occurredAt: Date;

  @Column({ type: 'text', name: 'region_code', nullable: true })
  regionCode: string | null;
}
