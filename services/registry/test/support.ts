import type { DataSource } from 'typeorm';
import { useServiceDatabase } from '@jianguan/testing';
import { createRegistryDataSource } from '../src/data-source';

/**
 * A database of the test file's own (a clone of the migrated template) and its queue prefix, opened
 * as the registry before the file's other `beforeAll` steps (this one is declared first), and dropped
 * after its tests once what the file registered on `service` has stopped.
 */
export function useRegistryDatabase(poolSize: number) {
  const service = useServiceDatabase();
  const bed = { service, dataSource: undefined as unknown as DataSource };
  beforeAll(async () => {
    bed.dataSource = await service.openDataSource(createRegistryDataSource(service.db.url, { poolSize }));
  });
  return bed;
}
