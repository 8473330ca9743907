import DataLoader from 'dataloader';
import { loaderOfMany, loaderOfOne } from '@jianguan/platform';
import type { DataSource } from 'typeorm';
import { KnownInstitutionEntity } from './entities/known-institution.entity';
import { BlacklistEntryEntity } from './entities/blacklist-entry.entity';
import { RectificationOrderEntity } from './entities/rectification-order.entity';
import { EscalationCaseEntity } from './entities/escalation-case.entity';
import { EnforcementActionEntity } from './entities/enforcement-action.entity';
import { OrderHistoryEntity } from './entities/order-history.entity';
import { NotificationEntity } from './entities/notification.entity';
import { PenaltyEntity } from './entities/penalty.entity';
import { rectificationStatsFor, type RectificationStats } from './queries/rectification-stats';

/** One set per request: a list of orders costs one query per relation, whatever its length. */
export function createLoaders(dataSource: DataSource) {
  return {
    order: loaderOfOne(dataSource, RectificationOrderEntity, 'id'),
    ordersOfInstitution: loaderOfMany(dataSource, RectificationOrderEntity, 'institutionId', {
      issuedAt: 'DESC',
    }),
    penaltiesOfInstitution: loaderOfMany(dataSource, PenaltyEntity, 'institutionId', { decidedAt: 'DESC' }),
    blacklistOfInstitution: loaderOfMany(dataSource, BlacklistEntryEntity, 'institutionId', {
      listedAt: 'ASC',
    }),
    knownInstitution: loaderOfOne(dataSource, KnownInstitutionEntity, 'id'),
    penalty: loaderOfOne(dataSource, PenaltyEntity, 'id'),
    escalations: loaderOfMany(dataSource, EscalationCaseEntity, 'orderId', { openedAt: 'ASC' }),
    actions: loaderOfMany(dataSource, EnforcementActionEntity, 'orderId', { recordedAt: 'ASC' }),
    history: loaderOfMany(dataSource, OrderHistoryEntity, 'orderId', { at: 'ASC' }),
    notifications: loaderOfMany(dataSource, NotificationEntity, 'orderId', {
      sentAt: 'ASC',
      recipient: 'ASC',
    }),
    rectificationStats: new DataLoader<string, RectificationStats>((codes) =>
      rectificationStatsFor(dataSource, codes),
    ),
  };
}
export type EnforcementLoaders = ReturnType<typeof createLoaders>;
