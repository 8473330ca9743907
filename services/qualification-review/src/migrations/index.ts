import { idempotencyKeysMigration } from '@jianguan/platform';
import { Initial1763900000000 } from './1763900000000-initial';

export const reviewMigrations = [Initial1763900000000, idempotencyKeysMigration('qualification_review')];
