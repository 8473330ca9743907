import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'discipline_referral' })
export class DisciplineReferralEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'order_id' })
  orderId: string;

  @Column({ type: 'uuid', name: 'institution_id' })
  institutionId: string;

  @Column({ type: 'text', name: 'region_code' })
  regionCode: string;

  @Column({ type: 'text', name: 'responsible_region_code' })
  responsibleRegionCode: string;

  @Column({ type: 'text', name: 'responsible_unit' })
  responsibleUnit: string;

  @Column({ type: 'text', array: true })
  officers: string[];

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'timestamptz', name: 'referred_at' })
  referredAt: Date;
}
