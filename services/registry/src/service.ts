import type { ServiceDefinition } from '@jianguan/platform';
import { registryTypeDefs, startRegistryServer } from './server';
import { startRegistryWorker } from './worker';
import { migrateRegistry } from './migrate';
import { REGISTRY_SCHEMA } from './data-source';

export const registryService: ServiceDefinition = {
  name: 'registry',
  schema: REGISTRY_SCHEMA,
  defaultPort: 4001,
  typeDefs: registryTypeDefs,
  migrate: migrateRegistry,
  startServer: startRegistryServer,
  startWorker: startRegistryWorker,
};
