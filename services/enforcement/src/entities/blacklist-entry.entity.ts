import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One reason an institution is on the black list, until a decision (or a pause's end) removes it. */
@Entity({ name: 'blacklist_entry' })
export class BlacklistEntryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'institution_id' })
  institutionId: string;

  /** RECTIFICATION_DEADLINE_MISSED, or PENALTY_<type>. */
  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'uuid', name: 'order_id', nullable: true })
  orderId: string | null;

  @Column({ type: 'uuid', name: 'penalty_id', nullable: true })
  penaltyId: string | null;

  /** Officials of this jurisdiction or above may remove it. */
  @Column({ type: 'text', name: 'listed_by_region_code' })
  listedByRegionCode: string;

  @Column({ type: 'timestamptz', name: 'listed_at' })
  listedAt: Date;

  @Column({ type: 'timestamptz', name: 'removed_at', nullable: true })
  removedAt: Date | null;

  @Column({ type: 'text', name: 'removed_by_name', nullable: true })
  removedByName: string | null;

  @Column({ type: 'text', name: 'removal_reason', nullable: true })
  removalReason: string | null;
}
