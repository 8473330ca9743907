import DataLoader from 'dataloader';
import { rowByKey, rowsGroupedByKey } from '@jianguan/platform';
import { In, type DataSource } from 'typeorm';
import { ListingEntity } from './entities/listing.entity';
import { ListingChangeEntity } from './entities/listing-change.entity';
import { listStatsFor, type ListStats } from './queries/list-stats';
import { readListVersion } from './queries/public-cache';

/** One set per request, so a list of institutions costs one query per relation. */
export function createLoaders(dataSource: DataSource) {
  let version: Promise<number> | undefined;
  return {
    /** The list version, read once per request (keys the shared answer cache). */
    listVersion: () => (version ??= readListVersion(dataSource)),
    listing: new DataLoader<string, ListingEntity | null>(async (ids) =>
      rowByKey(
        ids,
        await dataSource.getRepository(ListingEntity).findBy({ institutionId: In([...ids]) }),
        (l) => l.institutionId,
      ),
    ),
    history: new DataLoader<string, ListingChangeEntity[]>(async (ids) =>
      rowsGroupedByKey(
        ids,
        await dataSource.getRepository(ListingChangeEntity).find({
          where: { institutionId: In([...ids]) },
          order: { seq: 'ASC' },
        }),
        (c) => c.institutionId,
      ),
    ),
    listStats: new DataLoader<string, ListStats>((codes) => listStatsFor(dataSource, codes)),
  };
}
export type PublicListLoaders = ReturnType<typeof createLoaders>;
