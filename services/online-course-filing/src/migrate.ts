import { filingDatabase } from './data-source';

/** Creates the online_course_filing schema and runs pending migrations. */
export const migrateOnlineCourseFiling = filingDatabase.migrate;
