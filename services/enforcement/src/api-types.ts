import { recipientOf } from './deadlines/recipients';
import { PENALTY_EFFECTS } from '@jianguan/events';
import { apiNode, entityRef } from '@jianguan/platform';
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
export const toOrderNode = apiNode<RectificationOrderEntity>()(
  [
    'id institutionId regionCode source problems issuingRegionCode issuedByName issuedAt deadline status',
    'escalationLevel respondBy rectifiedAt rectifiedLate evidence closedAt version',
    'deadlineWorkingDays deadlineProvisional deadlineSetAt',
  ],
  (o) => ({ institution: entityRef('Institution', o.institutionId) }),
);
export type OrderNode = ReturnType<typeof toOrderNode>;

export const toCaseNode = apiNode<EscalationCaseEntity>()([
  'level responsibleRegionCode openedAt respondBy outcome resolvedAt',
]);

export const toActionNode = apiNode<EnforcementActionEntity>()([
  'id escalationLevel description recordedByName recordedAt',
]);

export const toHistoryNode = apiNode<OrderHistoryEntity>()(['action actorName detail at'], (h) => ({
  from: h.fromStatus,
  to: h.toStatus,
}));

export const toNotificationNode = apiNode<NotificationEntity>()(
  ['id kind step recipient message sentAt acknowledgedAt acknowledgedByName'],
  (n) => {
    const { role, regionCode, label } = recipientOf(n.recipient);
    return { recipientRole: role, recipientRegionCode: regionCode, recipientLabel: label };
  },
);

export const toReferralNode = apiNode<DisciplineReferralEntity>()(
  [
    'id orderId regionCode responsibleRegionCode responsibleUnit officers reason referredAt',
    'source evidence referredByName',
  ],
  (r) => ({ institution: r.institutionId ? entityRef('Institution', r.institutionId) : null }),
);
export type ReferralNode = ReturnType<typeof toReferralNode>;

export const toCampaignNode = apiNode<CampaignEntity>()(
  ['id name regionCode startsAt endsAt defaultDeadline kinds problems'],
  (c) => ({
    enrolment: { enrolled: c.enrolled, done: c.enrolmentDoneAt !== null, doneAt: c.enrolmentDoneAt },
  }),
);
export type CampaignNode = ReturnType<typeof toCampaignNode>;

export const toPenaltyNode = apiNode<PenaltyEntity>()(
  ['id type amountFen description legalBasis orderId decidedByName decidedAt endsAt endedAt'],
  (p) => ({ label: PENALTY_EFFECTS[p.type].label }),
);
export type PenaltyNode = ReturnType<typeof toPenaltyNode>;

export const toPatrolCardNode = apiNode<PatrolCardEntity>()([
  'id card reason penaltyId issuedByName issuedAt',
]);
export type PatrolCardNode = ReturnType<typeof toPatrolCardNode>;

export const toTypicalCaseNode = apiNode<TypicalCaseEntity>()(
  ['id regionCode title summary publishedAt'],
  (t) => ({
    institution: t.institutionId ? entityRef('Institution', t.institutionId) : null,
  }),
);
