import { KnownInstitutionEntity } from './entities/known-institution.entity';
import { BlacklistEntryEntity } from './entities/blacklist-entry.entity';
import DataLoader from 'dataloader';
import { rowByKey, rowsGroupedByKey } from '@jianguan/platform';
import { Any, type DataSource } from 'typeorm';
import { RectificationOrderEntity } from './entities/rectification-order.entity';
import { EscalationCaseEntity } from './entities/escalation-case.entity';
import { EnforcementActionEntity } from './entities/enforcement-action.entity';
import { OrderHistoryEntity } from './entities/order-history.entity';
import { NotificationEntity } from './entities/notification.entity';
import { PenaltyEntity } from './entities/penalty.entity';
import { rectificationStatsFor, type RectificationStats } from './queries/rectification-stats';

/**
 * One set per request: a list of orders costs one query per relation, whatever its length.
 * Keys go as one array parameter (`= ANY($1)`): TypeORM's In() makes a parameter per key, and
 * building those showed in every subgraph's CPU profile once the gateway merged requests' entities.
 */
export function createLoaders(dataSource: DataSource) {
  const grouped = <E extends { orderId: string }>(
    entity: new () => E,
    order: Record<string, 'ASC' | 'DESC'>,
  ) =>
    new DataLoader<string, E[]>(async (ids) =>
      rowsGroupedByKey(
        ids,
        (await dataSource
          .getRepository(entity)
          .find({ where: { orderId: Any([...ids]) } as never, order: order as never })) as E[],
        (row) => row.orderId,
      ),
    );
  return {
    order: new DataLoader<string, RectificationOrderEntity | null>(async (ids) =>
      rowByKey(
        ids,
        await dataSource.getRepository(RectificationOrderEntity).findBy({ id: Any([...ids]) }),
        (o) => o.id,
      ),
    ),
    ordersOfInstitution: new DataLoader<string, RectificationOrderEntity[]>(async (ids) =>
      rowsGroupedByKey(
        ids,
        await dataSource.getRepository(RectificationOrderEntity).find({
          where: { institutionId: Any([...ids]) },
          order: { issuedAt: 'DESC' },
        }),
        (o) => o.institutionId,
      ),
    ),
    penaltiesOfInstitution: new DataLoader<string, PenaltyEntity[]>(async (ids) =>
      rowsGroupedByKey(
        ids,
        await dataSource.getRepository(PenaltyEntity).find({
          where: { institutionId: Any([...ids]) },
          order: { decidedAt: 'DESC' },
        }),
        (p) => p.institutionId,
      ),
    ),
    blacklistOfInstitution: new DataLoader<string, BlacklistEntryEntity[]>(async (ids) =>
      rowsGroupedByKey(
        ids,
        await dataSource.getRepository(BlacklistEntryEntity).find({
          where: { institutionId: Any([...ids]) },
          order: { listedAt: 'ASC' },
        }),
        (e) => e.institutionId,
      ),
    ),
    knownInstitution: new DataLoader<string, KnownInstitutionEntity | null>(async (ids) =>
      rowByKey(
        ids,
        await dataSource.getRepository(KnownInstitutionEntity).findBy({ id: Any([...ids]) }),
        (i) => i.id,
      ),
    ),
    penalty: new DataLoader<string, PenaltyEntity | null>(async (ids) =>
      rowByKey(ids, await dataSource.getRepository(PenaltyEntity).findBy({ id: Any([...ids]) }), (p) => p.id),
    ),
    escalations: grouped(EscalationCaseEntity, { openedAt: 'ASC' }),
    actions: grouped(EnforcementActionEntity, { recordedAt: 'ASC' }),
    history: grouped(OrderHistoryEntity, { at: 'ASC' }),
    notifications: grouped(NotificationEntity, { sentAt: 'ASC', recipient: 'ASC' }),
    rectificationStats: new DataLoader<string, RectificationStats>((codes) =>
      rectificationStatsFor(dataSource, codes),
    ),
  };
}
export type EnforcementLoaders = ReturnType<typeof createLoaders>;
