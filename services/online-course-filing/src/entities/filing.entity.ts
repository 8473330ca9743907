import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import type { BusinessInfo, CommitmentInfo, FilingStatus, InstitutionInfo } from '../domain/types';

@Entity({ name: 'filing' })
export class FilingEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'institution_id' })
  institutionId: string;

  @Column({ type: 'text', name: 'region_code' })
  regionCode: string;

  @Column({ type: 'text' })
  status: FilingStatus;

  @Column({ type: 'jsonb', name: 'institution_info' })
  institutionInfo: InstitutionInfo;

  @Column({ type: 'jsonb', name: 'business_info' })
  businessInfo: BusinessInfo;

  @Column({ type: 'jsonb' })
  commitments: CommitmentInfo[];

  @Column({ type: 'text', name: 'rule_set_version', nullable: true })
  ruleSetVersion: string | null;

  @Column({ type: 'timestamptz', name: 'submitted_at', nullable: true })
  submittedAt: Date | null;

  @Column({ type: 'text', name: 'submitted_by' })
  submittedBy: string;

  @Column({ type: 'timestamptz', name: 'screened_at', nullable: true })
  screenedAt: Date | null;

  @Column({ type: 'timestamptz', name: 'decided_at', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'text', array: true })
  reasons: string[];

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @VersionColumn({ type: 'integer' })
  version: number;
}
