import { openDataSource } from '@jianguan/platform';
import { createEnforcementDataSource } from './data-source';

/** Creates the enforcement schema and runs pending migrations. */
export async function migrateEnforcement(databaseUrl: string): Promise<void> {
  const dataSource = await openDataSource(createEnforcementDataSource(databaseUrl, { poolSize: 1 }), {
    migrate: true,
  });
  await dataSource.destroy();
}
