import { publicListDatabase } from './data-source';

/** Creates the public_list schema (and the pg_trgm extension) and runs pending migrations. */
export const migratePublicList = publicListDatabase.migrate;
