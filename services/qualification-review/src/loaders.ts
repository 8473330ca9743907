import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { ApplicationEntity } from './entities/application.entity';
import { PermitEntity } from './entities/permit.entity';
import { ReviewNotificationEntity } from './entities/review-notification.entity';
import { StatusChangeEntity } from './entities/status-change.entity';
import { reviewStatsFor, type ReviewStats } from './queries/review-stats';

function groupBy<T, K>(keys: readonly K[], rows: T[], keyOf: (row: T) => K): T[][] {
  const groups = new Map<K, T[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key) ?? []);
}

function byKey<T, K>(keys: readonly K[], rows: T[], keyOf: (row: T) => K): (T | null)[] {
  const found = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => found.get(key) ?? null);
}

/** One set per request: a list of applications costs one query per relation, whatever its length. */
export function createLoaders(dataSource: DataSource) {
  return {
    application: new DataLoader<string, ApplicationEntity | null>(async (ids) =>
      byKey(ids, await dataSource.getRepository(ApplicationEntity).findBy({ id: In([...ids]) }), (a) => a.id),
    ),
    applicationsOfInstitution: new DataLoader<string, ApplicationEntity[]>(async (ids) =>
      groupBy(
        ids,
        await dataSource.getRepository(ApplicationEntity).find({
          where: { institutionId: In([...ids]) },
          order: { submittedAt: 'DESC' },
        }),
        (a) => a.institutionId,
      ),
    ),
    history: new DataLoader<string, StatusChangeEntity[]>(async (ids) =>
      groupBy(
        ids,
        await dataSource.getRepository(StatusChangeEntity).find({
          where: { applicationId: In([...ids]) },
          order: { at: 'ASC' },
        }),
        (c) => c.applicationId,
      ),
    ),
    permit: new DataLoader<string, PermitEntity | null>(async (ids) =>
      byKey(
        ids,
        await dataSource.getRepository(PermitEntity).findBy({ applicationId: In([...ids]) }),
        (p) => p.applicationId,
      ),
    ),
    notifications: new DataLoader<string, ReviewNotificationEntity[]>(async (ids) =>
      groupBy(
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
