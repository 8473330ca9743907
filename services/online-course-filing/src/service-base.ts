import { defineServiceBase } from '@jianguan/platform';
import { loadFilingConfig } from './config';
import { filingDatabase } from './data-source';

/** What the service's server, worker, migration job and definition share. */
export const filingBase = defineServiceBase({
  name: 'online-course-filing',
  loadConfig: loadFilingConfig,
  database: filingDatabase,
  sourceDirectory: __dirname,
});
