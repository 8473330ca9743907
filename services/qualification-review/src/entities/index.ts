import { AuditRecord } from '@jianguan/platform';
import { InboxRecord, OutboxEvent } from '@jianguan/events';
import { ApplicationEntity } from './application.entity';
import { KnownInstitutionEntity } from './known-institution.entity';
import { PermitEntity } from './permit.entity';
import { ReviewNotificationEntity } from './review-notification.entity';
import { StatusChangeEntity } from './status-change.entity';

export const reviewEntities = [
  ApplicationEntity,
  StatusChangeEntity,
  PermitEntity,
  ReviewNotificationEntity,
  KnownInstitutionEntity,
  AuditRecord,
  OutboxEvent,
  InboxRecord,
];
