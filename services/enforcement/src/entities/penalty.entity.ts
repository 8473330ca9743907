import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { PENALTY_TYPES } from '@jianguan/events';

export type PenaltyType = (typeof PENALTY_TYPES)[number];

@Entity({ name: 'penalty' })
export class PenaltyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'institution_id' })
  institutionId: string;

  @Column({ type: 'text', name: 'region_code' })
  regionCode: string;

  @Column({ type: 'uuid', name: 'order_id', nullable: true })
  orderId: string | null;

  @Column({ type: 'text' })
  type: PenaltyType;

  /** Integer fen; bigint comes back from pg as a string. */
  @Column({ type: 'bigint', name: 'amount_fen', nullable: true })
  amountFen: string | null;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'text', name: 'legal_basis' })
  legalBasis: string;

  @Column({ type: 'text', name: 'decided_by_id' })
  decidedById: string;

  @Column({ type: 'text', name: 'decided_by_name' })
  decidedByName: string;

  @Column({ type: 'timestamptz', name: 'decided_at' })
  decidedAt: Date;

  /** The decider's jurisdiction: officials of this level or above may remove its black-listing. */
  @Column({ type: 'text', name: 'decided_region_code' })
  decidedRegionCode: string;

  /** The end of a measure with a term (PENALTY_EFFECTS); it ends by itself then. */
  @Column({ type: 'timestamptz', name: 'ends_at', nullable: true })
  endsAt: Date | null;

  @Column({ type: 'timestamptz', name: 'ended_at', nullable: true })
  endedAt: Date | null;
}
