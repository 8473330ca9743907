import DataLoader from 'dataloader';
import { rowByKey, rowsGroupedByKey } from '@jianguan/platform';
import { Any, type DataSource } from 'typeorm';
import { ApplicationEntity } from './entities/application.entity';
import { PermitEntity } from './entities/permit.entity';
import { ReviewNotificationEntity } from './entities/review-notification.entity';
import { StatusChangeEntity } from './entities/status-change.entity';
import { reviewStatsFor, type ReviewStats } from './queries/review-stats';

/**
 * One set per request: a list of applications costs one query per relation, whatever its length.
 * Keys go as one array parameter (`= ANY($1)`): TypeORM's In() makes a parameter per key, and
 * building those showed in every subgraph's CPU profile once the gateway merged requests' entities.
 */
export function createLoaders(dataSource: DataSource) {
  return {
    application: new DataLoader<string, ApplicationEntity | null>(async (ids) =>
      rowByKey(
        ids,
        await dataSource.getRepository(ApplicationEntity).findBy({ id: Any([...ids]) }),
        (a) => a.id,
      ),
    ),
    applicationsOfInstitution: new DataLoader<string, ApplicationEntity[]>(async (ids) =>
      rowsGroupedByKey(
        ids,
        await dataSource.getRepository(ApplicationEntity).find({
          where: { institutionId: Any([...ids]) },
          order: { submittedAt: 'DESC' },
        }),
        (a) => a.institutionId,
      ),
    ),
    history: new DataLoader<string, StatusChangeEntity[]>(async (ids) =>
      rowsGroupedByKey(
        ids,
        await dataSource.getRepository(StatusChangeEntity).find({
          where: { applicationId: Any([...ids]) },
          order: { at: 'ASC' },
        }),
        (c) => c.applicationId,
      ),
    ),
    permit: new DataLoader<string, PermitEntity | null>(async (ids) =>
      rowByKey(
        ids,
        await dataSource.getRepository(PermitEntity).findBy({ applicationId: Any([...ids]) }),
        (p) => p.applicationId,
      ),
    ),
    notifications: new DataLoader<string, ReviewNotificationEntity[]>(async (ids) =>
      rowsGroupedByKey(
        ids,
        await dataSource.getRepository(ReviewNotificationEntity).find({
          where: { applicationId: Any([...ids]) },
          order: { sentAt: 'ASC' },
        }),
        (n) => n.applicationId,
      ),
    ),
    reviewStats: new DataLoader<string, ReviewStats>((codes) => reviewStatsFor(dataSource, codes)),
  };
}
export type ReviewLoaders = ReturnType<typeof createLoaders>;
