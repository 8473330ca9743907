import { createDataSource } from '@jianguan/platform';
import type { Logger as TypeOrmLogger } from 'typeorm';
import { filingEntities } from './entities';
import { filingMigrations } from './migrations';

export const FILING_SCHEMA = 'online_course_filing';

export const createFilingDataSource = (
  url: string,
  options: { poolSize?: number; logger?: TypeOrmLogger } = {},
) =>
  createDataSource({
    url,
    schema: FILING_SCHEMA,
    entities: filingEntities,
    migrations: filingMigrations,
    ...options,
  });
