import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type SurveyFinding = 'OPERATING' | 'CLOSED' | 'NOT_FOUND';
export type SurveyClassification =
  'COMPLETE_CERTIFICATES' | 'INCOMPLETE_CERTIFICATES' | 'UNLICENSED' | 'CLOSED_OR_NOT_FOUND';

@Entity({ name: 'survey_record' })
export class SurveyRecordEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'institution_id' })
  institutionId: string;

  @Column({ type: 'timestamptz', name: 'surveyed_at' })
  surveyedAt: Date;

  @Column({ type: 'text', name: 'grid_code' })
  gridCode: string;

  @Column({ type: 'text', name: 'surveyor_id' })
  surveyorId: string;

  @Column({ type: 'text', name: 'surveyor_name' })
  surveyorName: string;

  @Column({ type: 'text' })
  finding: SurveyFinding;

  @Column({ type: 'text' })
  classification: SurveyClassification;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'recorded_at' })
  recordedAt: Date;
}
