import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A screening problem: from a rule of the filing's rule set, or an officer's finding. */
@Entity({ name: 'finding' })
export class FindingEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'filing_id' })
  filingId: string;

  @Column({ type: 'text' })
  source: 'RULE' | 'OFFICER';

  @Column({ type: 'text', nullable: true })
  item: string | null;

  @Column({ type: 'text' })
  rule: string;

  @Column({ type: 'text' })
  document: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'text', name: 'officer_id', nullable: true })
  officerId: string | null;

  @Column({ type: 'text', name: 'officer_name', nullable: true })
  officerName: string | null;

  /** Closed when the institution re-files; history stays. */
  @Column({ type: 'boolean' })
  open: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;
}
