import { idempotencyKeysMigration } from '@jianguan/platform';
import { Initial1764000000000 } from './1764000000000-initial';

export const filingMigrations = [Initial1764000000000, idempotencyKeysMigration('online_course_filing')];
