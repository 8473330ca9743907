import { Entity } from 'typeorm';
import { TextColumn, TimeColumn } from '@jianguan/platform';
import { OrderRow } from './order-row';

@Entity({ name: 'order_history' })
export class OrderHistoryEntity extends OrderRow {
  @TextColumn()
  action: string;

  @TextColumn({ nullable: true })
  fromStatus: string | null;

  @TextColumn()
  toStatus: string;

  @TextColumn()
  actorId: string;

  @TextColumn()
  actorName: string;

  @TextColumn({ nullable: true })
  detail: string | null;

  /** Set by the database's default when the row is inserted. */
  @TimeColumn({ insert: false, update: false })
  at: Date;
}
