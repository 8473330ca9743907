import { openDataSource } from '@jianguan/platform';
import { createFilingDataSource } from './data-source';

/** Creates the online_course_filing schema and runs pending migrations. */
export async function migrateOnlineCourseFiling(databaseUrl: string): Promise<void> {
  const dataSource = await openDataSource(createFilingDataSource(databaseUrl, { poolSize: 1 }), {
    migrate: true,
  });
  await dataSource.destroy();
}
