import { Entity } from 'typeorm';
import { TextColumn } from '@jianguan/platform';
import { FilingPartRow } from './filing-part';

/** Part 3 of a filing: one member of the training personnel. */
@Entity({ name: 'person' })
export class PersonEntity extends FilingPartRow {
  @TextColumn()
  name: string;

  @TextColumn()
  idNumber: string;

  @TextColumn()
  role: string;

  @TextColumn({ nullable: true })
  subject: string | null;

  @TextColumn({ nullable: true })
  teacherCertificateNumber: string | null;
}
