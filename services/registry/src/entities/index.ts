import { AuditRecord } from '@jianguan/platform';
import { InboxRecord, OutboxEvent } from '@jianguan/events';
import { InstitutionEntity } from './institution.entity';
import { LicenceEntity } from './licence.entity';
import { RegionEntity } from './region.entity';
import { SurveyRecordEntity } from './survey-record.entity';

export const registryEntities = [
  InstitutionEntity,
  LicenceEntity,
  SurveyRecordEntity,
  RegionEntity,
  AuditRecord,
  OutboxEvent,
  InboxRecord,
];
