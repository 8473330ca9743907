import { idempotencyKeysMigration } from '@jianguan/platform';
import { Initial1764100000000 } from './1764100000000-initial';
import { CampaignAndLists1764100000001 } from './1764100000001-campaign-and-lists';
import { WorkingCalendar1765100000000 } from './1765100000000-working-calendar';
import { ManualReferrals1765100000001 } from './1765100000001-manual-referrals';
import { NotificationAcknowledgement1765100000002 } from './1765100000002-notification-acknowledgement';

export const enforcementMigrations = [
  Initial1764100000000,
  CampaignAndLists1764100000001,
  idempotencyKeysMigration('enforcement'),
  WorkingCalendar1765100000000,
  ManualReferrals1765100000001,
  NotificationAcknowledgement1765100000002,
];
