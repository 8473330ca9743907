import { defineServiceBase } from '@jianguan/platform';
import { loadRegistryConfig } from './config';
import { registryDatabase } from './data-source';

/** What the service's server, worker, migration job and definition share. */
export const registryBase = defineServiceBase({
  name: 'registry',
  loadConfig: loadRegistryConfig,
  database: registryDatabase,
  sourceDirectory: __dirname,
});
