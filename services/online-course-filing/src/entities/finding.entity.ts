import { Entity } from 'typeorm';
import { BooleanColumn, CreatedTimeColumn, GeneratedIdRow, TextColumn, UuidColumn } from '@jianguan/platform';

/** A screening problem: from a rule of the filing's rule set, or an officer's finding. */
@Entity({ name: 'finding' })
export class FindingEntity extends GeneratedIdRow {
  @UuidColumn()
  filingId: string;

  @TextColumn()
  source: 'RULE' | 'OFFICER';

  @TextColumn({ nullable: true })
  item: string | null;

  @TextColumn()
  rule: string;

  @TextColumn()
  document: string;

  @TextColumn()
  description: string;

  @TextColumn({ nullable: true })
  officerId: string | null;

  @TextColumn({ nullable: true })
  officerName: string | null;

  /** Closed when the institution re-files; history stays. */
  @BooleanColumn()
  open: boolean;

  @CreatedTimeColumn()
  at: Date;
}
