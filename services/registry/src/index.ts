export { registryService } from './service';
export { startRegistryServer } from './server';
export { startRegistryWorker } from './worker';
export { migrateRegistry } from './migrate';
export { createRegistryDataSource, REGISTRY_SCHEMA } from './data-source';
export { importSurveyFile, type SurveyImportResult } from './import/import-survey-file';
export { surveyFileText, writeSurveyFile, type SurveyFileRecord } from './import/survey-file';
export { readDivisions, type DivisionRow } from './regions/division-data';
export { registryConfigSchema } from './config';
