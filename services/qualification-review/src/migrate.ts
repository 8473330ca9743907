import { reviewDatabase } from './data-source';

/** Creates the qualification_review schema and runs pending migrations. */
export const migrateQualificationReview = reviewDatabase.migrate;
