import type { ServiceDefinition } from '@jianguan/platform';
import { reviewTypeDefs, startQualificationReviewServer } from './server';
import { startQualificationReviewWorker } from './worker';
import { migrateQualificationReview } from './migrate';
import { REVIEW_SCHEMA } from './data-source';

export const qualificationReviewService: ServiceDefinition = {
  name: 'qualification-review',
  schema: REVIEW_SCHEMA,
  defaultPort: 4002,
  typeDefs: reviewTypeDefs,
  migrate: migrateQualificationReview,
  startServer: startQualificationReviewServer,
  startWorker: startQualificationReviewWorker,
};
