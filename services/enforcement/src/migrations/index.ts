import { idempotencyKeysMigration } from '@jianguan/platform';
import { Initial1764100000000 } from './1764100000000-initial';
import { CampaignAndLists1764100000001 } from './1764100000001-campaign-and-lists';

export const enforcementMigrations = [
  Initial1764100000000,
  CampaignAndLists1764100000001,
  idempotencyKeysMigration('enforcement'),
];
