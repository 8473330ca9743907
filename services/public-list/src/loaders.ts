import DataLoader from 'dataloader';
import { rowByKey, rowsGroupedByKey } from '@jianguan/platform';
import { Any, type DataSource } from 'typeorm';
import { ListingEntity } from './entities/listing.entity';
import { ListingChangeEntity } from './entities/listing-change.entity';
import { listStatsFor, type ListStats } from './queries/list-stats';
import { readListVersion } from './queries/public-cache';

/**
 * One set per request, so a list of institutions costs one query per relation.
 * Keys go as one array parameter (`= ANY($1)`): TypeORM's In() makes a parameter per key, and
 * building those showed in every subgraph's CPU profile once the gateway merged requests' entities.
 */
export function createLoaders(dataSource: DataSource) {
  let version: Promise<number> | undefined;
  return {
    /** The list version, read once per request (keys the shared answer cache). */
    listVersion: () => (version ??= readListVersion(dataSource)),
    listing: new DataLoader<string, ListingEntity | null>(async (ids) =>
      rowByKey(
        ids,
        // What the listing resolver reads (toListingNode and the region for the jurisdiction check);
        // the search columns (bigrams, pinyin) are most of the row and never shown.
        await dataSource.getRepository(ListingEntity).find({
          select: {
            institutionId: true,
            regionCode: true,
            list: true,
            reason: true,
            reasonCode: true,
            since: true,
          },
          where: { institutionId: Any([...ids]) },
        }),
        (l) => l.institutionId,
      ),
    ),
    history: new DataLoader<string, ListingChangeEntity[]>(async (ids) =>
      rowsGroupedByKey(
        ids,
        await dataSource.getRepository(ListingChangeEntity).find({
          where: { institutionId: Any([...ids]) },
          order: { seq: 'ASC' },
        }),
        (c) => c.institutionId,
      ),
    ),
    listStats: new DataLoader<string, ListStats>((codes) => listStatsFor(dataSource, codes)),
  };
}
export type PublicListLoaders = ReturnType<typeof createLoaders>;
