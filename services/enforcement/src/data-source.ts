import { defineDataSource } from '@jianguan/platform';
import { enforcementEntities } from './entities';
import { enforcementMigrations } from './migrations';

export const ENFORCEMENT_SCHEMA = 'enforcement';

/** The service's own schema, as its server, worker and migration job open it. */
export const enforcementDatabase = defineDataSource(
  ENFORCEMENT_SCHEMA,
  enforcementEntities,
  enforcementMigrations,
);

export const createEnforcementDataSource = enforcementDatabase.create;
