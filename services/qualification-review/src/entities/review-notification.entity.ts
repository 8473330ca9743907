import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** DUE_CHANGED: a provisional time limit recounted from a loaded holiday schedule. */
export type NotificationKind = 'REMINDER' | 'ESCALATION' | 'DUE_CHANGED';

/**
 * A reminder or escalation sent about one time limit. Unique per (application, kind, dueAt), so a
 * job run twice — a retry, a restarted worker, a reconciler — notifies once.
 */
@Entity({ name: 'review_notification' })
export class ReviewNotificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'application_id' })
  applicationId: string;

  @Column({ type: 'text' })
  kind: NotificationKind;

  @Column({ type: 'timestamptz', name: 'due_at' })
  dueAt: Date;

  @Column({ type: 'text' })
  recipient: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'sent_at' })
  sentAt: Date;
}
