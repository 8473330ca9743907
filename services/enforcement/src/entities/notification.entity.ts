import { Entity } from 'typeorm';
import { TextColumn, TimeColumn } from '@jianguan/platform';
import { OrderRow } from './order-row';

export type NotificationKind =
  | 'REMINDER'
  | 'DEADLINE_MISSED'
  | 'ESCALATION'
  | 'DISCIPLINE_REFERRAL'
  /** A provisional deadline recomputed from a loaded holiday schedule. */
  | 'DEADLINE_CHANGED';

/** One notice to one recipient about one step of an order's ladder; unique per (order, step, recipient). */
@Entity({ name: 'notification' })
export class NotificationEntity extends OrderRow {
  @TextColumn()
  kind: NotificationKind;

  @TextColumn()
  step: string;

  @TextColumn()
  recipient: string;

  @TextColumn()
  message: string;

  /** Set by the database's default when the row is inserted. */
  @TimeColumn({ insert: false, update: false })
  sentAt: Date;

  /** When the recipient marked it read; null until then. */
  @TimeColumn({ nullable: true })
  acknowledgedAt: Date | null;

  @TextColumn({ nullable: true })
  acknowledgedByName: string | null;
}
