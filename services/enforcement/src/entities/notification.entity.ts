import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type NotificationKind =
  | 'REMINDER'
  | 'DEADLINE_MISSED'
  | 'ESCALATION'
  | 'DISCIPLINE_REFERRAL'
  /** A provisional deadline recomputed from a loaded holiday schedule. */
  | 'DEADLINE_CHANGED';

/** One notice to one recipient about one step of an order's ladder; unique per (order, step, recipient). */
@Entity({ name: 'notification' })
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'order_id' })
  orderId: string;

  @Column({ type: 'text' })
  kind: NotificationKind;

  @Column({ type: 'text' })
  step: string;

  @Column({ type: 'text' })
  recipient: string;

  @Column({ type: 'text' })
  message: string;

  @Column({ type: 'timestamptz', name: 'sent_at', insert: false, update: false })
  sentAt: Date;
}
