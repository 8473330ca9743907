import { enforcementDatabase } from './data-source';

/** Creates the enforcement schema and runs pending migrations. */
export const migrateEnforcement = enforcementDatabase.migrate;
