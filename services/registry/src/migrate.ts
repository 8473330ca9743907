import { registryDatabase } from './data-source';

/** Creates the registry schema and runs pending migrations. */
export const migrateRegistry = registryDatabase.migrate;
