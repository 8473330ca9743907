import { Entity } from 'typeorm';
import { CreatedTimeColumn, GeneratedIdRow, TextColumn, TimeColumn, UuidColumn } from '@jianguan/platform';

/** DUE_CHANGED: a provisional time limit recounted from a loaded holiday schedule. */
export type NotificationKind = 'REMINDER' | 'ESCALATION' | 'DUE_CHANGED';

/**
 * A reminder or escalation sent about one time limit. Unique per (application, kind, dueAt), so a
 * job run twice — a retry, a restarted worker, a reconciler — notifies once.
 */
@Entity({ name: 'review_notification' })
export class ReviewNotificationEntity extends GeneratedIdRow {
  @UuidColumn()
  applicationId: string;

  @TextColumn()
  kind: NotificationKind;

  @TimeColumn()
  dueAt: Date;

  @TextColumn()
  recipient: string;

  @CreatedTimeColumn()
  sentAt: Date;
}
