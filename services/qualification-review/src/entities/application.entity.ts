import { Entity } from 'typeorm';
import { JsonColumn, SubmissionRow, TextArrayColumn, TextColumn, TimeColumn } from '@jianguan/platform';
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

  @TimeColumn({ nullable: true })
  clockPausedAt: Date | null;

  @TextColumn({ nullable: true })
  reviewerId: string | null;

  @TextColumn({ nullable: true })
  reviewerName: string | null;

  @TextColumn({ nullable: true })
  decision: Decision | null;
}
