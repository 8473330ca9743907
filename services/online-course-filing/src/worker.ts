import { runWorkerMain, startServiceWorker } from '@jianguan/events';
import type { WorkerStartOptions } from '@jianguan/platform';
import { loadFilingConfig } from './config';
import { createFilingDataSource, FILING_SCHEMA } from './data-source';
import { filingEventHandlers } from './event-handlers';

/** The department's background work: relaying its outbox and keeping the institution read model. */
export function startOnlineCourseFilingWorker(
  env?: Record<string, string | undefined>,
  options: WorkerStartOptions = {},
) {
  const config = loadFilingConfig(env);
  return startServiceWorker({
    ...options,
    service: 'online-course-filing',
    schema: FILING_SCHEMA,
    config,
    dataSource: createFilingDataSource(config.DATABASE_URL, { poolSize: 4 }),
    events: () => ({ handlers: filingEventHandlers }),
  });
}

if (require.main === module) {
  runWorkerMain('online-course-filing', loadFilingConfig(), () => startOnlineCourseFilingWorker());
}
