import { defineDataSource } from '@jianguan/platform';
import { publicListEntities } from './entities';
import { publicListMigrations } from './migrations';

export const PUBLIC_LIST_SCHEMA = 'public_list';

/** The service's own schema, as its server, worker and migration job open it. */
export const publicListDatabase = defineDataSource(
  PUBLIC_LIST_SCHEMA,
  publicListEntities,
  publicListMigrations,
);

export const createPublicListDataSource = publicListDatabase.create;
