import type { DataSource } from 'typeorm';
import type { RequestContext } from '@jianguan/platform';
import { createLoaders, type PublicListLoaders } from './loaders';
import type { PublicAnswerCache } from './queries/public-cache';

export interface PublicListContext extends RequestContext {
  dataSource: DataSource;
  loaders: PublicListLoaders;
  cache: PublicAnswerCache;
}

export const buildPublicListContext =
  (dataSource: DataSource, cache: PublicAnswerCache) =>
  (base: RequestContext): PublicListContext => ({
    ...base,
    dataSource,
    cache,
    loaders: createLoaders(dataSource),
  });
