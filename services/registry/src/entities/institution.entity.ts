import { Column, Entity, PrimaryGeneratedColumn, CreateDateColumn, VersionColumn } from 'typeorm';

export type InstitutionKind = 'OFFLINE' | 'ONLINE';
export type InstitutionCategory = 'SUBJECT' | 'NON_SUBJECT';
export type InstitutionStatus = 'ACTIVE' | 'RECTIFYING' | 'SUSPENDED' | 'BANNED' | 'CLOSED';
export type CertificateStatus = 'COMPLETE' | 'INCOMPLETE' | 'NONE';

@Entity({ name: 'institution' })
export class InstitutionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'char', length: 18, name: 'credit_code', unique: true })
  creditCode: string;

  @Column({ type: 'text' })
  kind: InstitutionKind;

  @Column({ type: 'text' })
  category: InstitutionCategory;

  @Column({ type: 'text', name: 'region_code' })
  regionCode: string;

  @Column({ type: 'text' })
  address: string;

  @Column({ type: 'text' })
  status: InstitutionStatus;

  @Column({ type: 'boolean', name: 'on_national_platform' })
  onNationalPlatform: boolean;

  /** Derived from licences by the rule set; stored so lists and statistics can filter on it. */
  @Column({ type: 'text', name: 'certificate_status' })
  certificateStatus: CertificateStatus;

  @Column({ type: 'text', array: true, name: 'missing_licences' })
  missingLicences: string[];

  @Column({ type: 'text', name: 'rule_set_version' })
  ruleSetVersion: string;

  /** Shanghai day of the last certificate assessment ('YYYY-MM-DD'); licences expiring after it are re-assessed. */
  @Column({ type: 'date', name: 'assessed_on' })
  assessedOn: string;

  @Column({ type: 'timestamptz', name: 'training_stop_ordered_at', nullable: true })
  trainingStopOrderedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'registered_at' })
  registeredAt: Date;

  @VersionColumn({ type: 'integer' })
  version: number;
}
