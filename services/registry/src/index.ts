export { registryService } from './service';
export { startRegistryServer, registryTypeDefs } from './server';
export { startRegistryWorker } from './worker';
export { migrateRegistry } from './migrate';
export { createRegistryDataSource, REGISTRY_SCHEMA } from './data-source';
