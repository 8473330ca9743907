import DataLoader from 'dataloader';
import { rowByKey, rowsGroupedByKey } from '@jianguan/platform';
import { In, type DataSource } from 'typeorm';
import { ApplicationEntity } from './entities/application.entity';
import { PermitEntity } from './entities/permit.entity';
import { ReviewNotificationEntity } from './entities/review-notification.entity';
import { StatusChangeEntity } from './entities/status-change.entity';
import { reviewStatsFor, type ReviewStats } from './queries/review-stats';

/** One set per request: a list of applications costs one query per relation, whatever its length. */
export function createLoaders(dataSource: DataSource) {
  return {
    application: new DataLoader<string, ApplicationEntity | null>(async (ids) =>
      rowByKey(
        ids,
        await dataSource.getRepository(ApplicationEntity).findBy({ id: In([...ids]) }),
        (a) => a.id,
      ),
    ),
    applicationsOfInstitution: new DataLoader<string, ApplicationEntity[]>(async (ids) =>
      rowsGroupedByKey(
        ids,
        await dataSource.getRepository(ApplicationEntity).find({
          where: { institutionId: In([...ids]) },
          order: { submittedAt: 'DESC' },
        }),
        (a) => a.institutionId,
      ),
    ),
    history: new DataLoader<string, StatusChangeEntity[]>(async (ids) =>
      rowsGroupedByKey(
        ids,
        await dataSource.getRepository(StatusChangeEntity).find({
          where: { applicationId: In([...ids]) },
          order: { at: 'ASC' },
        }),
        (c) => c.applicationId,
      ),
    ),
    permit: new DataLoader<string, PermitEntity | null>(async (ids) =>
      rowByKey(
        ids,
        await dataSource.getRepository(PermitEntity).findBy({ applicationId: In([...ids]) }),
        (p) => p.applicationId,
      ),
    ),
    notifications: new DataLoader<string, ReviewNotificationEntity[]>(async (ids) =>
      rowsGroupedByKey(
        ids,
        await dataSource.getRepository(ReviewNotificationEntity).find({
          where: { applicationId: In([...ids]) },
          order: { sentAt: 'ASC' },
        }),
        (n) => n.applicationId,
      ),
    ),
    reviewStats: new DataLoader<string, ReviewStats>((codes) => reviewStatsFor(dataSource, codes)),
  };
}
export type ReviewLoaders = ReturnType<typeof createLoaders>;
