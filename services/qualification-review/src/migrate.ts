import { openDataSource } from '@jianguan/platform';
import { createReviewDataSource } from './data-source';

/** Creates the qualification_review schema and runs pending migrations. */
export async function migrateQualificationReview(databaseUrl: string): Promise<void> {
  const dataSource = await openDataSource(createReviewDataSource(databaseUrl, { poolSize: 1 }), {
    migrate: true,
  });
  await dataSource.destroy();
}
