import { createDataSource } from '@jianguan/platform';
import type { Logger as TypeOrmLogger } from 'typeorm';
import { publicListEntities } from './entities';
import { publicListMigrations } from './migrations';

export const PUBLIC_LIST_SCHEMA = 'public_list';

export const createPublicListDataSource = (
  url: string,
  options: { poolSize?: number; logger?: TypeOrmLogger } = {},
) =>
  createDataSource({
    url,
    schema: PUBLIC_LIST_SCHEMA,
    entities: publicListEntities,
    migrations: publicListMigrations,
    ...options,
  });
