import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PublicListName } from '../domain/listing-rules';

/** The read model: an institution's current list, derived from events (see event-handlers.ts). */
@Entity({ name: 'listing' })
export class ListingEntity {
  @PrimaryColumn({ type: 'uuid', name: 'institution_id' })
  institutionId: string;

  @Column({ type: 'char', length: 18, name: 'credit_code', nullable: true })
  creditCode: string | null;

  @Column({ type: 'text', nullable: true })
  name: string | null;

  @Column({ type: 'text', name: 'name_pinyin', nullable: true })
  namePinyin: string | null;

  @Column({ type: 'text', name: 'name_initials', nullable: true })
  nameInitials: string | null;

  @Column({ type: 'text', array: true, name: 'name_bigrams' })
  nameBigrams: string[];

  @Column({ type: 'text', nullable: true })
  kind: string | null;

  @Column({ type: 'text', nullable: true })
  category: string | null;

  @Column({ type: 'text', name: 'region_code', nullable: true })
  regionCode: string | null;

  @Column({ type: 'text', name: 'certificate_status', nullable: true })
  certificateStatus: string | null;

  @Column({ type: 'text', nullable: true })
  list: PublicListName | null;

  @Column({ type: 'text', name: 'reason_code', nullable: true })
  reasonCode: string | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  since: Date | null;

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
