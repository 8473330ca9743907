import { createDataSource } from '@jianguan/platform';
import type { Logger as TypeOrmLogger } from 'typeorm';
import { reviewEntities } from './entities';
import { reviewMigrations } from './migrations';

export const REVIEW_SCHEMA = 'qualification_review';

export const createReviewDataSource = (
  url: string,
  options: { poolSize?: number; logger?: TypeOrmLogger } = {},
) =>
  createDataSource({
    url,
    schema: REVIEW_SCHEMA,
    entities: reviewEntities,
    migrations: reviewMigrations,
    ...options,
  });
