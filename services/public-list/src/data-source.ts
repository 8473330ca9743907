import { defineDataSource } from '@jianguan/platform';
import { publicListEntities } from './entities';
import { publicListMigrations } from './migrations';

export const PUBLIC_LIST_SCHEMA = 'public_list';

/** The service's own schema, as its server, worker and migration job open it. */
export const publicListDatabase = defineDataSource({
  schema: PUBLIC_LIST_SCHEMA,
  entities: publicListEntities,
  migrations: publicListMigrations,
});

export const createPublicListDataSource = publicListDatabase.create;
