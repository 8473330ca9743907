import { defineDataSource } from '@jianguan/platform';
import { enforcementEntities } from './entities';
import { enforcementMigrations } from './migrations';

export const ENFORCEMENT_SCHEMA = 'enforcement';

/** The service's own schema, as its server, worker and migration job open it. */
export const enforcementDatabase = defineDataSource({
  schema: ENFORCEMENT_SCHEMA,
  entities: enforcementEntities,
  migrations: enforcementMigrations,
});

export const createEnforcementDataSource = enforcementDatabase.create;
