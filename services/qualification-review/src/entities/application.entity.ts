import { Entity } from 'typeorm';
import {
  BooleanColumn,
  IntColumn,
  JsonColumn,
  SubmissionRow,
  TextArrayColumn,
  TextColumn,
  TimeColumn,
} from '@jianguan/platform';
import type { ApplicationType, Material, MaterialType } from '../domain/materials';
import type { ApplicationStatus } from '../domain/status';
import type { ReviewTrack } from '../domain/track';

export type Decision = 'APPROVE' | 'REJECT';

@Entity({ name: 'application' })
export class ApplicationEntity extends SubmissionRow<ApplicationStatus> {
  @TextColumn()
  type: ApplicationType;

  @TextColumn()
  track: ReviewTrack;

  @JsonColumn()
  materials: Material[];

  @TextArrayColumn()
  requestedMaterials: MaterialType[];

  @TimeColumn()
  submittedAt: Date;

  @TimeColumn()
  dueAt: Date;

  /** The working days the time limit counts from submission; null for a plain duration (drills). */
  @IntColumn({ nullable: true })
  dueWorkingDays: number | null;

  /** Counted into a year without its published holiday schedule: recounted when it is loaded. */
  @BooleanColumn({ default: false })
  dueProvisional: boolean;

  @TimeColumn({ nullable: true })
  clockPausedAt: Date | null;

  @TextColumn({ nullable: true })
  reviewerId: string | null;

  @TextColumn({ nullable: true })
  reviewerName: string | null;

  @TextColumn({ nullable: true })
  decision: Decision | null;
}
