import { Entity } from 'typeorm';
import { ActedBy, GeneratedIdRow, TextColumn, UuidColumn } from '@jianguan/platform';

@Entity({ name: 'typical_case' })
export class TypicalCaseEntity extends ActedBy('published', GeneratedIdRow) {
  @UuidColumn({ nullable: true })
  institutionId: string | null;

  @TextColumn()
  regionCode: string;

  @TextColumn()
  title: string;

  @TextColumn()
  summary: string;
}
