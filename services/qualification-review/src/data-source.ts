import { defineDataSource } from '@jianguan/platform';
import { reviewEntities } from './entities';
import { reviewMigrations } from './migrations';

export const REVIEW_SCHEMA = 'qualification_review';

/** The service's own schema, as its server, worker and migration job open it. */
export const reviewDatabase = defineDataSource(REVIEW_SCHEMA, reviewEntities, reviewMigrations);

export const createReviewDataSource = reviewDatabase.create;
