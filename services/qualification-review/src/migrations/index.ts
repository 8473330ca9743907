import { idempotencyKeysMigration } from '@jianguan/platform';
import { Initial1763900000000 } from './1763900000000-initial';
import { WorkingCalendar1765100000000 } from './1765100000000-working-calendar';

export const reviewMigrations = [
  Initial1763900000000,
  idempotencyKeysMigration('qualification_review'),
  WorkingCalendar1765100000000,
];
