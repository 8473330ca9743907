import type { ServiceDefinition } from '@jianguan/platform';
import { enforcementTypeDefs, startEnforcementServer } from './server';
import { startEnforcementWorker } from './worker';
import { migrateEnforcement } from './migrate';
import { ENFORCEMENT_SCHEMA } from './data-source';

export const enforcementService: ServiceDefinition = {
  name: 'enforcement',
  schema: ENFORCEMENT_SCHEMA,
  defaultPort: 4004,
  typeDefs: enforcementTypeDefs,
  migrate: migrateEnforcement,
  startServer: startEnforcementServer,
  startWorker: startEnforcementWorker,
};
