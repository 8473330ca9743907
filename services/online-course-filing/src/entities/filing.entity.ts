import { Entity } from 'typeorm';
import { JsonColumn, SubmissionRow, TextColumn, TimeColumn } from '@jianguan/platform';
import type { BusinessInfo, CommitmentInfo, FilingStatus, InstitutionInfo } from '../domain/types';

@Entity({ name: 'filing' })
export class FilingEntity extends SubmissionRow<FilingStatus> {
  @JsonColumn()
  institutionInfo: InstitutionInfo;

  @JsonColumn()
  businessInfo: BusinessInfo;

  @JsonColumn()
  commitments: CommitmentInfo[];

  @TextColumn({ nullable: true })
  ruleSetVersion: string | null;

  /** Null until the filing is submitted. */
  @TimeColumn({ nullable: true })
  submittedAt: Date | null;

  @TimeColumn({ nullable: true })
  screenedAt: Date | null;
}
