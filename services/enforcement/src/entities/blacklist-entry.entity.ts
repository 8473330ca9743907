import { Entity } from 'typeorm';
import { InstitutionRow, TextColumn, TimeColumn, UuidColumn } from '@jianguan/platform';

/** One reason an institution is on the black list, until a decision (or a pause's end) removes it. */
@Entity({ name: 'blacklist_entry' })
export class BlacklistEntryEntity extends InstitutionRow {
  /** RECTIFICATION_DEADLINE_MISSED, or PENALTY_<type>. */
  @TextColumn()
  reason: string;

  @UuidColumn({ nullable: true })
  orderId: string | null;

  @UuidColumn({ nullable: true })
  penaltyId: string | null;

  /** Officials of this jurisdiction or above may remove it. */
  @TextColumn()
  listedByRegionCode: string;

  @TimeColumn()
  listedAt: Date;

  @TimeColumn({ nullable: true })
  removedAt: Date | null;

  @TextColumn({ nullable: true })
  removedByName: string | null;

  @TextColumn({ nullable: true })
  removalReason: string | null;
}
