import { defineService } from '@jianguan/platform';
import { reviewBase } from './service-base';
import { startQualificationReviewServer } from './server';
import { startQualificationReviewWorker } from './worker';

export const qualificationReviewService = defineService(reviewBase, {
  defaultPort: 4002,
  startServer: startQualificationReviewServer,
  startWorker: startQualificationReviewWorker,
});
