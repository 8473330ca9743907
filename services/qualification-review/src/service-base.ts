import { defineServiceBase } from '@jianguan/platform';
import { loadReviewConfig } from './config';
import { reviewDatabase } from './data-source';

/** What the service's server, worker, migration job and definition share. */
export const reviewBase = defineServiceBase({
  name: 'qualification-review',
  loadConfig: loadReviewConfig,
  database: reviewDatabase,
  sourceDirectory: __dirname,
});
