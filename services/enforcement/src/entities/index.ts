import { AuditRecord } from '@jianguan/platform';
import { InboxRecord, OutboxEvent } from '@jianguan/events';
import { BlacklistEntryEntity } from './blacklist-entry.entity';
import { CampaignEntity } from './campaign.entity';
import { PenaltyEntity } from './penalty.entity';
import { PatrolCardEntity } from './patrol-card.entity';
import { TypicalCaseEntity } from './typical-case.entity';
import { DisciplineReferralEntity } from './discipline-referral.entity';
import { EnforcementActionEntity } from './enforcement-action.entity';
import { EscalationCaseEntity } from './escalation-case.entity';
import { KnownInstitutionEntity } from './known-institution.entity';
import { NotificationEntity } from './notification.entity';
import { OrderHistoryEntity } from './order-history.entity';
import { RectificationOrderEntity } from './rectification-order.entity';

export const enforcementEntities = [
  RectificationOrderEntity,
  OrderHistoryEntity,
  EscalationCaseEntity,
  EnforcementActionEntity,
  DisciplineReferralEntity,
  NotificationEntity,
  KnownInstitutionEntity,
  CampaignEntity,
  PenaltyEntity,
  BlacklistEntryEntity,
  PatrolCardEntity,
  TypicalCaseEntity,
  AuditRecord,
  OutboxEvent,
  InboxRecord,
];
