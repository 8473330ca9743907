import { Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ActedBy } from '@jianguan/platform';
import { TypicalCaseColumns } from '@jianguan/events';

@Entity({ name: 'typical_case' })
export class TypicalCaseEntity extends ActedBy('published', TypicalCaseColumns) {
  @PrimaryGeneratedColumn('uuid')
  id: string;
}
