import { idempotencyKeysMigration } from '@jianguan/platform';
import { Initial1763900000000 } from './1763900000000-initial';
import { SeedRegions1763900000001 } from './1763900000001-seed-regions';

export const publicListMigrations = [
  Initial1763900000000,
  SeedRegions1763900000001,
  idempotencyKeysMigration('public_list'),
];
