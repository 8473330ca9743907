import { defineDataSource } from '@jianguan/platform';
import { filingEntities } from './entities';
import { filingMigrations } from './migrations';

export const FILING_SCHEMA = 'online_course_filing';

/** The service's own schema, as its server, worker and migration job open it. */
export const filingDatabase = defineDataSource(FILING_SCHEMA, filingEntities, filingMigrations);

export const createFilingDataSource = filingDatabase.create;
