import { defineService } from '@jianguan/platform';
import { filingBase } from './service-base';
import { startOnlineCourseFilingServer } from './server';
import { startOnlineCourseFilingWorker } from './worker';

export const onlineCourseFilingService = defineService(filingBase, {
  defaultPort: 4003,
  startServer: startOnlineCourseFilingServer,
  startWorker: startOnlineCourseFilingWorker,
});
