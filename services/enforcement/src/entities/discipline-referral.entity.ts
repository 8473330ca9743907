import { Entity } from 'typeorm';
import { TextArrayColumn, TextColumn, TimeColumn, UuidColumn } from '@jianguan/platform';
import { OrderRow } from './order-row';

@Entity({ name: 'discipline_referral' })
export class DisciplineReferralEntity extends OrderRow {
  @UuidColumn()
  institutionId: string;

  @TextColumn()
  regionCode: string;

  @TextColumn()
  responsibleRegionCode: string;

  @TextColumn()
  responsibleUnit: string;

  @TextArrayColumn()
  officers: string[];

  @TextColumn()
  reason: string;

  @TimeColumn()
  referredAt: Date;
}
