import { Entity } from 'typeorm';
import { TextColumn, TimeColumn } from '@jianguan/platform';
import { OrderRow } from './order-row';

@Entity({ name: 'enforcement_action' })
export class EnforcementActionEntity extends OrderRow {
  @TextColumn({ nullable: true })
  escalationLevel: string | null;

  @TextColumn()
  description: string;

  @TextColumn()
  recordedById: string;

  @TextColumn()
  recordedByName: string;

  /** Set by the database's default when the row is inserted. */
  @TimeColumn({ insert: false, update: false })
  recordedAt: Date;
}
