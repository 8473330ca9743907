import DataLoader from 'dataloader';
import { loaderOfMany, loaderOfOne } from '@jianguan/platform';
import type { DataSource } from 'typeorm';
import { ApplicationEntity } from './entities/application.entity';
import { PermitEntity } from './entities/permit.entity';
import { ReviewNotificationEntity } from './entities/review-notification.entity';
import { StatusChangeEntity } from './entities/status-change.entity';
import { reviewStatsFor, type ReviewStats } from './queries/review-stats';

/** One set per request: a list of applications costs one query per relation, whatever its length. */
export function createLoaders(dataSource: DataSource) {
  return {
    application: loaderOfOne(dataSource, ApplicationEntity, 'id'),
    applicationsOfInstitution: loaderOfMany(dataSource, ApplicationEntity, 'institutionId', {
      submittedAt: 'DESC',
    }),
    history: loaderOfMany(dataSource, StatusChangeEntity, 'applicationId', { at: 'ASC' }),
    permit: loaderOfOne(dataSource, PermitEntity, 'applicationId'),
    notifications: loaderOfMany(dataSource, ReviewNotificationEntity, 'applicationId', { sentAt: 'ASC' }),
    reviewStats: new DataLoader<string, ReviewStats>((codes) => reviewStatsFor(dataSource, codes)),
  };
}
export type ReviewLoaders = ReturnType<typeof createLoaders>;
