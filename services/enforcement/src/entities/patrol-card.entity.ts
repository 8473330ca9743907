import { Entity } from 'typeorm';
import { ActedBy, RegionalInstitutionRow, TextColumn, UuidColumn } from '@jianguan/platform';

export type PatrolCardKind = 'REMINDER' | 'YELLOW' | 'RED';

@Entity({ name: 'patrol_card' })
export class PatrolCardEntity extends ActedBy('issued', RegionalInstitutionRow) {
  @TextColumn()
  card: PatrolCardKind;

  @TextColumn()
  reason: string;

  /** The shutdown a red card imposed. */
  @UuidColumn({ nullable: true })
  penaltyId: string | null;
}
