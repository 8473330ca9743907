import { defineServiceWorker, runWorkerMain } from '@jianguan/events';
import { filingBase } from './service-base';
import { filingEventHandlers } from './event-handlers';

/** The department's background work: relaying its outbox and keeping the institution read model. */
export const startOnlineCourseFilingWorker = defineServiceWorker(filingBase, {
  events: () => ({ handlers: filingEventHandlers }),
});

if (require.main === module) {
  runWorkerMain(filingBase, () => startOnlineCourseFilingWorker());
}
