import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const LICENCE_TYPES = [
  'SCHOOL_PERMIT',
  'BUSINESS_LICENCE',
  'PRIVATE_NON_ENTERPRISE_CERTIFICATE',
  'FIRE_SAFETY_CLEARANCE',
  'ICP_FILING',
  'TELECOM_LICENCE',
  'NETWORK_SECURITY_LEVEL_PROTECTION',
] as const;
export type LicenceType = (typeof LICENCE_TYPES)[number];

@Entity({ name: 'licence' })
export class LicenceEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'institution_id' })
  institutionId: string;

  @Column({ type: 'text' })
  type: LicenceType;

  @Column({ type: 'text' })
  number: string;

  @Column({ type: 'text', name: 'issued_by' })
  issuedBy: string;

  /** Calendar dates as 'YYYY-MM-DD' strings: a licence is valid for whole days. */
  @Column({ type: 'date', name: 'issued_on' })
  issuedOn: string;

  @Column({ type: 'date', name: 'valid_until', nullable: true })
  validUntil: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'recorded_at' })
  recordedAt: Date;
}
