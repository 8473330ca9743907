export { enforcementService } from './service';
export { startEnforcementServer } from './server';
export { startEnforcementWorker } from './worker';
export { migrateEnforcement } from './migrate';
export { createEnforcementDataSource, ENFORCEMENT_SCHEMA } from './data-source';
export { DEADLINE_QUEUE } from './deadlines/schedule';
export { enforcementConfigSchema } from './config';
