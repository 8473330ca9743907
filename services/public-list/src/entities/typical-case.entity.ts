import { Entity } from 'typeorm';
import { TextColumn, TimeColumn, UuidColumn } from '@jianguan/platform';

@Entity({ name: 'typical_case' })
export class TypicalCaseEntity {
  @UuidColumn({ primary: true })
  caseId: string;

  @UuidColumn({ nullable: true })
  institutionId: string | null;

  @TextColumn()
  regionCode: string;

  @TextColumn()
  title: string;

  @TextColumn()
  summary: string;

  @TimeColumn()
  publishedAt: Date;
}
