import { createDataSource } from '@jianguan/platform';
import type { Logger as TypeOrmLogger } from 'typeorm';
import { enforcementEntities } from './entities';
import { enforcementMigrations } from './migrations';

export const ENFORCEMENT_SCHEMA = 'enforcement';

export const createEnforcementDataSource = (
  url: string,
  options: { poolSize?: number; logger?: TypeOrmLogger } = {},
) =>
  createDataSource({
    url,
    schema: ENFORCEMENT_SCHEMA,
    entities: enforcementEntities,
    migrations: enforcementMigrations,
    ...options,
  });
