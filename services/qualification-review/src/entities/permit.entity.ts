import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A school-running permit issued by an approval. */
@Entity({ name: 'permit' })
export class PermitEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'application_id' })
  applicationId: string;

  @Column({ type: 'uuid', name: 'institution_id' })
  institutionId: string;

  @Column({ type: 'text' })
  number: string;

  @Column({ type: 'timestamptz', name: 'issued_at' })
  issuedAt: Date;
}
