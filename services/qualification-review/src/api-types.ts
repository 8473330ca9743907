import { apiNode, entityRef } from '@jianguan/platform';
import type { ApplicationEntity } from './entities/application.entity';
import type { PermitEntity } from './entities/permit.entity';
import type { ReviewNotificationEntity } from './entities/review-notification.entity';
import type { StatusChangeEntity } from './entities/status-change.entity';
import { checklistOf } from './domain/materials';
import { clockRunning } from './sla/schedule';

/** The GraphQL shapes, built from entities so storage columns stay inside. */
export const toApplicationNode = apiNode<ApplicationEntity>()(
  [
    'id institutionId regionCode type status track submittedAt dueAt clockPausedAt materials',
    'dueProvisional dueWorkingDays',
    'requestedMaterials reviewerId reviewerName decision decidedAt reasons version',
  ],
  (a, now: Date = new Date()) => ({
    institution: entityRef('Institution', a.institutionId),
    overdue: clockRunning(a) && a.dueAt.getTime() < now.getTime(),
    checklist: checklistOf(a.type, a.materials),
  }),
);
export type ApplicationNode = ReturnType<typeof toApplicationNode>;

export const toPermitNode = apiNode<PermitEntity>()(['id number issuedAt']);

export const toStatusChangeNode = apiNode<StatusChangeEntity>()(['actorName reason at'], (c) => ({
  from: c.fromStatus,
  to: c.toStatus,
}));

export const toNotificationNode = apiNode<ReviewNotificationEntity>()(['kind recipient dueAt sentAt']);
