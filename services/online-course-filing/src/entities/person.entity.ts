import { Entity } from 'typeorm';
import { IntColumn, TextColumn, UuidColumn } from '@jianguan/platform';

/** Part 3 of a filing: one member of the training personnel. */
@Entity({ name: 'person' })
export class PersonEntity {
  @UuidColumn({ primary: true })
  filingId: string;

  @IntColumn({ primary: true })
  line: number;

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
