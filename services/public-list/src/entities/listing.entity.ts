import { Entity } from 'typeorm';
import { CharColumn, TextArrayColumn, TextColumn, TimeColumn, UuidColumn } from '@jianguan/platform';
import type { PublicListName } from '../domain/listing-rules';

/** The read model: an institution's current list, derived from events (see event-handlers.ts). */
@Entity({ name: 'listing' })
export class ListingEntity {
  @UuidColumn({ primary: true })
  institutionId: string;

  @CharColumn({ length: 18, nullable: true })
  creditCode: string | null;

  @TextColumn({ nullable: true })
  name: string | null;

  @TextColumn({ nullable: true })
  namePinyin: string | null;

  @TextColumn({ nullable: true })
  nameInitials: string | null;

  @TextArrayColumn()
  nameBigrams: string[];

  @TextColumn({ nullable: true })
  kind: string | null;

  @TextColumn({ nullable: true })
  category: string | null;

  @TextColumn({ nullable: true })
  regionCode: string | null;

  @TextColumn({ nullable: true })
  certificateStatus: string | null;

  @TextColumn({ nullable: true })
  list: PublicListName | null;

  @TextColumn({ nullable: true })
  reasonCode: string | null;

  @TextColumn({ nullable: true })
  reason: string | null;

  @TimeColumn({ nullable: true })
  since: Date | null;

  @TimeColumn()
  updatedAt: Date;
}
