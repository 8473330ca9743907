import { openDataSource } from '@jianguan/platform';
import { createRegistryDataSource } from './data-source';

/** Creates the registry schema and runs pending migrations. */
export async function migrateRegistry(databaseUrl: string): Promise<void> {
  const dataSource = await openDataSource(createRegistryDataSource(databaseUrl, { poolSize: 1 }), {
    migrate: true,
  });
  await dataSource.destroy();
}
