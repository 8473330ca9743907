import { Entity } from 'typeorm';
import { InstitutionRow, TextColumn, TimeColumn, UuidColumn } from '@jianguan/platform';

/** A school-running permit issued by an approval. */
@Entity({ name: 'permit' })
export class PermitEntity extends InstitutionRow {
  @UuidColumn()
  applicationId: string;

  @TextColumn()
  number: string;

  @TimeColumn()
  issuedAt: Date;
}
