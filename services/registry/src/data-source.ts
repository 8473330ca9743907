import { defineDataSource } from '@jianguan/platform';
import { registryEntities } from './entities';
import { registryMigrations } from './migrations';

export const REGISTRY_SCHEMA = 'registry';

/** The service's own schema, as its server, worker and migration job open it. */
export const registryDatabase = defineDataSource(REGISTRY_SCHEMA, registryEntities, registryMigrations);

export const createRegistryDataSource = registryDatabase.create;
