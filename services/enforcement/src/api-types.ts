import { PENALTY_EFFECTS } from '@jianguan/events';
import type { RectificationOrderEntity } from './entities/rectification-order.entity';
import type { EscalationCaseEntity } from './entities/escalation-case.entity';
import type { EnforcementActionEntity } from './entities/enforcement-action.entity';
import type { OrderHistoryEntity } from './entities/order-history.entity';
import type { NotificationEntity } from './entities/notification.entity';
import type { DisciplineReferralEntity } from './entities/discipline-referral.entity';
import type { CampaignEntity } from './entities/campaign.entity';
import type { PenaltyEntity } from './entities/penalty.entity';
import type { PatrolCardEntity } from './entities/patrol-card.entity';
import type { TypicalCaseEntity } from './entities/typical-case.entity';

/** The GraphQL shapes, built from entities so storage columns stay inside. */
export const toOrderNode = (o: RectificationOrderEntity) => ({
  id: o.id,
  institutionId: o.institutionId,
  institution: { __typename: 'Institution' as const, id: o.institutionId },
  regionCode: o.regionCode,
  source: o.source,
  problems: o.problems,
  issuingRegionCode: o.issuingRegionCode,
  issuedByName: o.issuedByName,
  issuedAt: o.issuedAt,
  deadline: o.deadline,
  status: o.status,
  escalationLevel: o.escalationLevel,
  respondBy: o.respondBy,
  rectifiedAt: o.rectifiedAt,
  rectifiedLate: o.rectifiedLate,
  evidence: o.evidence,
  closedAt: o.closedAt,
  version: o.version,
});
export type OrderNode = ReturnType<typeof toOrderNode>;

export const toCaseNode = (c: EscalationCaseEntity) => ({
  level: c.level,
  responsibleRegionCode: c.responsibleRegionCode,
  openedAt: c.openedAt,
  respondBy: c.respondBy,
  outcome: c.outcome,
  resolvedAt: c.resolvedAt,
});

export const toActionNode = (a: EnforcementActionEntity) => ({
  id: a.id,
  escalationLevel: a.escalationLevel,
  description: a.description,
  recordedByName: a.recordedByName,
  recordedAt: a.recordedAt,
});

export const toHistoryNode = (h: OrderHistoryEntity) => ({
  action: h.action,
  from: h.fromStatus,
  to: h.toStatus,
  actorName: h.actorName,
  detail: h.detail,
  at: h.at,
});

export const toNotificationNode = (n: NotificationEntity) => ({
  id: n.id,
  kind: n.kind,
  step: n.step,
  recipient: n.recipient,
  message: n.message,
  sentAt: n.sentAt,
});

export const toReferralNode = (r: DisciplineReferralEntity) => ({
  id: r.id,
  orderId: r.orderId,
  institution: { __typename: 'Institution' as const, id: r.institutionId },
  regionCode: r.regionCode,
  responsibleRegionCode: r.responsibleRegionCode,
  responsibleUnit: r.responsibleUnit,
  officers: r.officers,
  reason: r.reason,
  referredAt: r.referredAt,
});
export type ReferralNode = ReturnType<typeof toReferralNode>;

export const toCampaignNode = (c: CampaignEntity) => ({
  id: c.id,
  name: c.name,
  regionCode: c.regionCode,
  startsAt: c.startsAt,
  endsAt: c.endsAt,
  defaultDeadline: c.defaultDeadline,
  kinds: c.kinds,
  problems: c.problems,
  enrolment: { enrolled: c.enrolled, done: c.enrolmentDoneAt !== null, doneAt: c.enrolmentDoneAt },
});
export type CampaignNode = ReturnType<typeof toCampaignNode>;

export const toPenaltyNode = (p: PenaltyEntity) => ({
  id: p.id,
  type: p.type,
  amountFen: p.amountFen,
  description: p.description,
  legalBasis: p.legalBasis,
  orderId: p.orderId,
  decidedByName: p.decidedByName,
  decidedAt: p.decidedAt,
  label: PENALTY_EFFECTS[p.type].label,
  endsAt: p.endsAt,
  endedAt: p.endedAt,
});
export type PenaltyNode = ReturnType<typeof toPenaltyNode>;

export const toPatrolCardNode = (c: PatrolCardEntity) => ({
  id: c.id,
  card: c.card,
  reason: c.reason,
  penaltyId: c.penaltyId,
  issuedByName: c.issuedByName,
  issuedAt: c.issuedAt,
});
export type PatrolCardNode = ReturnType<typeof toPatrolCardNode>;

export const toTypicalCaseNode = (t: TypicalCaseEntity) => ({
  id: t.id,
  institution: t.institutionId ? { __typename: 'Institution' as const, id: t.institutionId } : null,
  regionCode: t.regionCode,
  title: t.title,
  summary: t.summary,
  publishedAt: t.publishedAt,
});
