import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Part 3 of a filing: one member of the training personnel. */
@Entity({ name: 'person' })
export class PersonEntity {
  @PrimaryColumn({ type: 'uuid', name: 'filing_id' })
  filingId: string;

  @PrimaryColumn({ type: 'integer' })
  line: number;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', name: 'id_number' })
  idNumber: string;

  @Column({ type: 'text' })
  role: string;

  @Column({ type: 'text', nullable: true })
  subject: string | null;

  @Column({ type: 'text', name: 'teacher_certificate_number', nullable: true })
  teacherCertificateNumber: string | null;
}
