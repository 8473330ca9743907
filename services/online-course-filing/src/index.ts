export { onlineCourseFilingService } from './service';
export { startOnlineCourseFilingServer } from './server';
export { startOnlineCourseFilingWorker } from './worker';
export { migrateOnlineCourseFiling } from './migrate';
export { createFilingDataSource, FILING_SCHEMA } from './data-source';
export { importFilings, type ImportResult } from './import/import-filings';
export { writeCsvDirectory, type SheetRecords } from './import/sheets';
export { writeWorkbook } from './import/xlsx';
export { filingConfigSchema } from './config';
