import DataLoader from 'dataloader';
import { loaderOfMany, loaderOfOne } from '@jianguan/platform';
import type { DataSource } from 'typeorm';
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
    listing: loaderOfOne(dataSource, ListingEntity, 'institutionId', {
      // What the listing resolver reads (toListingNode and the region for the jurisdiction check);
      // the search columns (bigrams, pinyin) are most of the row and never shown.
      select: {
        institutionId: true,
        regionCode: true,
        list: true,
        reason: true,
        reasonCode: true,
        since: true,
      },
    }),
    history: loaderOfMany(dataSource, ListingChangeEntity, 'institutionId', { seq: 'ASC' }),
    listStats: new DataLoader<string, ListStats>((codes) => listStatsFor(dataSource, codes)),
  };
}
export type PublicListLoaders = ReturnType<typeof createLoaders>;
