import { Entity } from 'typeorm';
import {
  ActedBy,
  BigIntColumn,
  RegionalInstitutionRow,
  TextColumn,
  TimeColumn,
  UuidColumn,
} from '@jianguan/platform';
import type { PENALTY_TYPES } from '@jianguan/events';

export type PenaltyType = (typeof PENALTY_TYPES)[number];

@Entity({ name: 'penalty' })
export class PenaltyEntity extends ActedBy('decided', RegionalInstitutionRow) {
  @UuidColumn({ nullable: true })
  orderId: string | null;

  @TextColumn()
  type: PenaltyType;

  /** Integer fen; bigint comes back from pg as a string. */
  @BigIntColumn({ nullable: true })
  amountFen: string | null;

  @TextColumn()
  description: string;

  @TextColumn()
  legalBasis: string;

  /** The decider's jurisdiction: officials of this level or above may remove its black-listing. */
  @TextColumn()
  decidedRegionCode: string;

  /** The end of a measure with a term (PENALTY_EFFECTS); it ends by itself then. */
  @TimeColumn({ nullable: true })
  endsAt: Date | null;

  @TimeColumn({ nullable: true })
  endedAt: Date | null;
}
