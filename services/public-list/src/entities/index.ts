import { AuditRecord } from '@jianguan/platform';
import { InboxRecord, OutboxEvent } from '@jianguan/events';
import { ListingEntity } from './listing.entity';
import { ListingChangeEntity } from './listing-change.entity';
import { TypicalCaseEntity } from './typical-case.entity';
import { RegionEntity } from './region.entity';

export const publicListEntities = [
  ListingEntity,
  ListingChangeEntity,
  TypicalCaseEntity,
  RegionEntity,
  AuditRecord,
  OutboxEvent,
  InboxRecord,
];
