export { onlineCourseFilingService } from './service';
export { startOnlineCourseFilingServer } from './server';
export { startOnlineCourseFilingWorker } from './worker';
export { migrateOnlineCourseFiling } from './migrate';
export { createFilingDataSource, FILING_SCHEMA } from './data-source';
export { importFilings, type ImportResult } from './import/import-filings';
export { filingConfigSchema } from './config';
