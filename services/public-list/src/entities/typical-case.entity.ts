import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'typical_case' })
export class TypicalCaseEntity {
  @PrimaryColumn({ type: 'uuid', name: 'case_id' })
  caseId: string;

  @Column({ type: 'uuid', name: 'institution_id', nullable: true })
  institutionId: string | null;

  @Column({ type: 'text', name: 'region_code' })
  regionCode: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  summary: string;

  @Column({ type: 'timestamptz', name: 'published_at' })
  publishedAt: Date;
}
