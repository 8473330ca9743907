import { createDataSource } from '@jianguan/platform';
import type { Logger as TypeOrmLogger } from 'typeorm';
import { registryEntities } from './entities';
import { registryMigrations } from './migrations';

export const REGISTRY_SCHEMA = 'registry';

export const createRegistryDataSource = (
  url: string,
  options: { poolSize?: number; logger?: TypeOrmLogger } = {},
) =>
  createDataSource({
    url,
    schema: REGISTRY_SCHEMA,
    entities: registryEntities,
    migrations: registryMigrations,
    ...options,
  });
