import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import type { ApplicationType, Material, MaterialType } from '../domain/materials';
import type { ApplicationStatus } from '../domain/status';
import type { ReviewTrack } from '../domain/track';

export type Decision = 'APPROVE' | 'REJECT';

@Entity({ name: 'application' })
export class ApplicationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'institution_id' })
  institutionId: string;

  @Column({ type: 'text', name: 'region_code' })
  regionCode: string;

  @Column({ type: 'text' })
  type: ApplicationType;

  @Column({ type: 'text' })
  status: ApplicationStatus;

  @Column({ type: 'text' })
  track: ReviewTrack;

  @Column({ type: 'jsonb' })
  materials: Material[];

  @Column({ type: 'text', array: true, name: 'requested_materials' })
  requestedMaterials: MaterialType[];

  @Column({ type: 'text', array: true })
  reasons: string[];

  @Column({ type: 'timestamptz', name: 'submitted_at' })
  submittedAt: Date;

  @Column({ type: 'timestamptz', name: 'due_at' })
  dueAt: Date;

  /** The working days the time limit counts from submission; null for a plain duration (drills). */
  @Column({ type: 'integer', name: 'due_working_days', nullable: true })
  dueWorkingDays: number | null;

  /** Counted into a year without its published holiday schedule: recounted when it is loaded. */
  @Column({ type: 'boolean', name: 'due_provisional', default: false })
  dueProvisional: boolean;

  @Column({ type: 'timestamptz', name: 'clock_paused_at', nullable: true })
  clockPausedAt: Date | null;

  @Column({ type: 'text', name: 'submitted_by' })
  submittedBy: string;

  @Column({ type: 'text', name: 'reviewer_id', nullable: true })
  reviewerId: string | null;

  @Column({ type: 'text', name: 'reviewer_name', nullable: true })
  reviewerName: string | null;

  @Column({ type: 'text', nullable: true })
  decision: Decision | null;

  @Column({ type: 'timestamptz', name: 'decided_at', nullable: true })
  decidedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @VersionColumn({ type: 'integer' })
  version: number;
}
