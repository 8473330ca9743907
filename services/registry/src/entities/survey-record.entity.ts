import { Entity } from 'typeorm';
import { CreatedTimeColumn, InstitutionRow, TextColumn, TimeColumn } from '@jianguan/platform';

export type SurveyFinding = 'OPERATING' | 'CLOSED' | 'NOT_FOUND';
export type SurveyClassification =
  'COMPLETE_CERTIFICATES' | 'INCOMPLETE_CERTIFICATES' | 'UNLICENSED' | 'CLOSED_OR_NOT_FOUND';

@Entity({ name: 'survey_record' })
export class SurveyRecordEntity extends InstitutionRow {
  @TimeColumn()
  surveyedAt: Date;

  @TextColumn()
  gridCode: string;

  @TextColumn()
  surveyorId: string;

  @TextColumn()
  surveyorName: string;

  @TextColumn()
  finding: SurveyFinding;

  @TextColumn()
  classification: SurveyClassification;

  @TextColumn({ nullable: true })
  notes: string | null;

  @CreatedTimeColumn()
  recordedAt: Date;
}
