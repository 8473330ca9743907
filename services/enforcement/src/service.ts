import { defineService } from '@jianguan/platform';
import { enforcementBase } from './service-base';
import { startEnforcementServer } from './server';
import { startEnforcementWorker } from './worker';

export const enforcementService = defineService(enforcementBase, {
  defaultPort: 4004,
  startServer: startEnforcementServer,
  startWorker: startEnforcementWorker,
});
