import { defineServiceWorker, runWorkerMain } from '@jianguan/events';
import { loadFilingConfig } from './config';
import { filingDatabase } from './data-source';
import { filingEventHandlers } from './event-handlers';

/** The department's background work: relaying its outbox and keeping the institution read model. */
export const startOnlineCourseFilingWorker = defineServiceWorker({
  service: 'online-course-filing',
  loadConfig: loadFilingConfig,
  database: filingDatabase,
  events: () => ({ handlers: filingEventHandlers }),
});

if (require.main === module) {
  runWorkerMain('online-course-filing', loadFilingConfig(), () => startOnlineCourseFilingWorker());
}
