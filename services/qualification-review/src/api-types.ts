import type { ApplicationEntity } from './entities/application.entity';
import type { PermitEntity } from './entities/permit.entity';
import type { ReviewNotificationEntity } from './entities/review-notification.entity';
import type { StatusChangeEntity } from './entities/status-change.entity';
import { checklistOf, type Material } from './domain/materials';
import { clockRunning } from './sla/schedule';

/** The GraphQL shapes, built from entities so storage columns stay inside. */
export interface ApplicationNode {
  id: string;
  institutionId: string;
  institution: { __typename: 'Institution'; id: string };
  regionCode: string;
  type: string;
  status: string;
  track: string;
  submittedAt: Date;
  dueAt: Date;
  clockPausedAt: Date | null;
  overdue: boolean;
  checklist: { type: string; provided: boolean }[];
  materials: Material[];
  requestedMaterials: string[];
  reviewerId: string | null;
  reviewerName: string | null;
  decision: string | null;
  decidedAt: Date | null;
  reasons: string[];
  version: number;
}

export const toApplicationNode = (a: ApplicationEntity, now = new Date()): ApplicationNode => ({
  id: a.id,
  institutionId: a.institutionId,
  institution: { __typename: 'Institution', id: a.institutionId },
  regionCode: a.regionCode,
  type: a.type,
  status: a.status,
  track: a.track,
  submittedAt: a.submittedAt,
  dueAt: a.dueAt,
  clockPausedAt: a.clockPausedAt,
  overdue: clockRunning(a) && a.dueAt.getTime() < now.getTime(),
  checklist: checklistOf(a.type, a.materials),
  materials: a.materials,
  requestedMaterials: a.requestedMaterials,
  reviewerId: a.reviewerId,
  reviewerName: a.reviewerName,
  decision: a.decision,
  decidedAt: a.decidedAt,
  reasons: a.reasons,
  version: a.version,
});

export const toPermitNode = (p: PermitEntity) => ({ id: p.id, number: p.number, issuedAt: p.issuedAt });

export const toStatusChangeNode = (c: StatusChangeEntity) => ({
  from: c.fromStatus,
  to: c.toStatus,
  actorName: c.actorName,
  reason: c.reason,
  at: c.at,
});

export const toNotificationNode = (n: ReviewNotificationEntity) => ({
  kind: n.kind,
  recipient: n.recipient,
  dueAt: n.dueAt,
  sentAt: n.sentAt,
});
