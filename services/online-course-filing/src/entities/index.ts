import { AuditRecord } from '@jianguan/platform';
import { InboxRecord, OutboxEvent } from '@jianguan/events';
import { CourseEntity } from './course.entity';
import { FilingEntity } from './filing.entity';
import { FindingEntity } from './finding.entity';
import { KnownInstitutionEntity } from './known-institution.entity';
import { PersonEntity } from './person.entity';
import { RuleSetEntity } from './rule-set.entity';
import { StatusChangeEntity } from './status-change.entity';

export const filingEntities = [
  FilingEntity,
  PersonEntity,
  CourseEntity,
  FindingEntity,
  StatusChangeEntity,
  RuleSetEntity,
  KnownInstitutionEntity,
  AuditRecord,
  OutboxEvent,
  InboxRecord,
];
