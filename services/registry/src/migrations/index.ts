import { idempotencyKeysMigration } from '@jianguan/platform';
import { Initial1763800000000 } from './1763800000000-initial';
import { SeedRegions1763800000001 } from './1763800000001-seed-regions';
import { RectificationOrders1763800000002 } from './1763800000002-rectification-orders';
import { CertificateAssessmentDay1763800000003 } from './1763800000003-certificate-assessment-day';
import { Restrictions1763800000004 } from './1763800000004-restrictions';
import { HolidaySchedule1765100000000 } from './1765100000000-holiday-schedule';

export const registryMigrations = [
  Initial1763800000000,
  SeedRegions1763800000001,
  RectificationOrders1763800000002,
  CertificateAssessmentDay1763800000003,
  Restrictions1763800000004,
  idempotencyKeysMigration('registry'),
  HolidaySchedule1765100000000,
];
