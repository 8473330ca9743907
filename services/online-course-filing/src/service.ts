import type { ServiceDefinition } from '@jianguan/platform';
import { filingTypeDefs, startOnlineCourseFilingServer } from './server';
import { startOnlineCourseFilingWorker } from './worker';
import { migrateOnlineCourseFiling } from './migrate';
import { FILING_SCHEMA } from './data-source';

export const onlineCourseFilingService: ServiceDefinition = {
  name: 'online-course-filing',
  schema: FILING_SCHEMA,
  defaultPort: 4003,
  typeDefs: filingTypeDefs,
  migrate: migrateOnlineCourseFiling,
  startServer: startOnlineCourseFilingServer,
  startWorker: startOnlineCourseFilingWorker,
};
