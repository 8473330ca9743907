import { Entity } from 'typeorm';
import { IntColumn, TextColumn, TimeColumn, UuidColumn } from '@jianguan/platform';

/** One change of an institution's list, with the event that caused it and the event's time. */
@Entity({ name: 'listing_change' })
export class ListingChangeEntity {
  @UuidColumn({ primary: true })
  institutionId: string;

  @IntColumn({ primary: true })
  seq: number;

  @TextColumn({ nullable: true })
  fromList: string | null;

  @TextColumn({ nullable: true })
  toList: string | null;

  @TextColumn()
  reasonCode: string;

  @TextColumn()
  reason: string;

  @UuidColumn()
  eventId: string;

  @TextColumn()
  eventType: string;

  @TimeColumn()
  occurredAt: Date;

  @TextColumn({ nullable: true })
  regionCode: string | null;
}
