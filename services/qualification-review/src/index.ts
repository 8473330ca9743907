export { qualificationReviewService } from './service';
export { startQualificationReviewServer } from './server';
export { startQualificationReviewWorker } from './worker';
export { migrateQualificationReview } from './migrate';
export { createReviewDataSource, REVIEW_SCHEMA } from './data-source';
export { reviewConfigSchema } from './config';
// The checklists, for the demo and tests that submit applications the way an institution does.
export { CHECKLISTS, type ApplicationType, type MaterialType } from './domain/materials';
