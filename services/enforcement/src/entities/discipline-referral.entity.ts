import { Entity } from 'typeorm';
import { GeneratedIdRow, TextArrayColumn, TextColumn, TimeColumn, UuidColumn } from '@jianguan/platform';

/** ESCALATION: the ladder's last rung for an order; MANUAL: an official's referral by hand. */
export type ReferralSource = 'ESCALATION' | 'MANUAL';

@Entity({ name: 'discipline_referral' })
export class DisciplineReferralEntity extends GeneratedIdRow {
  /** The order whose ladder ended here; null for a referral by hand. */
  @UuidColumn({ nullable: true })
  orderId: string | null;

  @UuidColumn({ nullable: true })
  institutionId: string | null;

  @TextColumn()
  regionCode: string;

  @TextColumn()
  responsibleRegionCode: string;

  @TextColumn()
  responsibleUnit: string;

  @TextArrayColumn()
  officers: string[];

  /** The facts that led to the referral. */
  @TextColumn()
  reason: string;

  @TimeColumn()
  referredAt: Date;

  @TextColumn({ default: 'ESCALATION' })
  source: ReferralSource;

  /** References to the evidence (document numbers, file names, inspection records). */
  @TextArrayColumn({ default: '{}' })
  evidence: string[];

  @TextColumn({ nullable: true })
  referredById: string | null;

  @TextColumn({ nullable: true })
  referredByName: string | null;
}
