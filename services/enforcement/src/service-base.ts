import { defineServiceBase } from '@jianguan/platform';
import { loadEnforcementConfig } from './config';
import { enforcementDatabase } from './data-source';

/** What the service's server, worker, migration job and definition share. */
export const enforcementBase = defineServiceBase({
  name: 'enforcement',
  loadConfig: loadEnforcementConfig,
  database: enforcementDatabase,
  sourceDirectory: __dirname,
});
