import type { DataSource } from 'typeorm';
import type { RequestContext } from '@jianguan/platform';
import type { PublicListLoaders } from './loaders';
import type { PublicAnswerCache } from './queries/public-cache';

/** What every resolver receives (built per request by server.ts). */
export interface PublicListContext extends RequestContext {
  dataSource: DataSource;
  loaders: PublicListLoaders;
  cache: PublicAnswerCache;
}
