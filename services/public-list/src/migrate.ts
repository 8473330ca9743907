import { openDataSource } from '@jianguan/platform';
import { createPublicListDataSource } from './data-source';

/** Creates the public_list schema (and the pg_trgm extension) and runs pending migrations. */
export async function migratePublicList(databaseUrl: string): Promise<void> {
  const dataSource = await openDataSource(createPublicListDataSource(databaseUrl, { poolSize: 1 }), {
    migrate: true,
  });
  await dataSource.destroy();
}
