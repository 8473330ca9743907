export { qualificationReviewService } from './service';
export { startQualificationReviewServer } from './server';
export { startQualificationReviewWorker } from './worker';
export { migrateQualificationReview } from './migrate';
export { createReviewDataSource, REVIEW_SCHEMA } from './data-source';
export { reviewConfigSchema } from './config';
