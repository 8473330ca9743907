export { registryService } from './service';
export { startRegistryServer, registryTypeDefs } from './server';
export { startRegistryWorker } from './worker';
export { migrateRegistry } from './migrate';
export { createRegistryDataSource, REGISTRY_SCHEMA } from './data-source';
export { importSurveyFile, type SurveyImportResult } from './import/import-survey-file';
export { surveyFileRecord } from './import/seed';
export { surveyFileText } from './import/survey-file';
export * from './import/qinghai-dataset';
