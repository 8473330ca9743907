import { defineService } from '@jianguan/platform';
import { registryBase } from './service-base';
import { startRegistryServer } from './server';
import { startRegistryWorker } from './worker';

export const registryService = defineService(registryBase, {
  defaultPort: 4001,
  startServer: startRegistryServer,
  startWorker: startRegistryWorker,
});
