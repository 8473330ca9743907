import type { DataSource } from 'typeorm';
import { openDataSource } from '@jianguan/platform';
import { createTestDatabase, type TestDatabase } from '@jianguan/testing';
import { createRegistryDataSource } from '../src/data-source';

/**
 * A database of the test file's own (a clone of the migrated template), opened as the registry before
 * the file's other `beforeAll` steps (this one is declared first), and dropped after its tests.
 */
export function useRegistryDatabase(poolSize: number) {
  let db: TestDatabase | undefined;
  const bed = { dataSource: undefined as unknown as DataSource };
  beforeAll(async () => {
    db = await createTestDatabase();
    bed.dataSource = await openDataSource(createRegistryDataSource(db.url, { poolSize }), { migrate: false });
  });
  afterAll(async () => {
    await bed.dataSource?.destroy();
    await db?.drop();
  });
  return bed;
}
