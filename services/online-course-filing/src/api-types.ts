import { apiNode, entityRef, maskIdNumber, SCOPES, type Viewer } from '@jianguan/platform';
import type { CourseEntity } from './entities/course.entity';
import type { FilingEntity } from './entities/filing.entity';
import type { FindingEntity } from './entities/finding.entity';
import type { PersonEntity } from './entities/person.entity';
import type { RuleSetEntity } from './entities/rule-set.entity';
import type { StatusChangeEntity } from './entities/status-change.entity';

/** The GraphQL shapes, built from entities so storage columns stay inside. */
export const toFilingNode = apiNode<FilingEntity>()(
  [
    'id institutionId regionCode status institutionInfo businessInfo commitments ruleSetVersion',
    'submittedAt screenedAt decidedAt reasons version',
  ],
  (f) => ({ institution: entityRef('Institution', f.institutionId) }),
);
export type FilingNode = ReturnType<typeof toFilingNode>;

/** ID numbers leave the service unmasked only for those who screen filings (or admins). */
export const toPersonNode = apiNode<PersonEntity>()(
  ['line name role subject teacherCertificateNumber'],
  (p, viewer: Viewer) => ({
    idNumber: viewer.hasScope(SCOPES.filingScreen) ? p.idNumber : maskIdNumber(p.idNumber),
  }),
);

export const toCourseNode = (c: CourseEntity) => {
  const { filingId: _filingId, ...rest } = c;
  return rest;
};

export const toRuleSetNode = (r: RuleSetEntity) => ({ ...r });

export const toFindingNode = apiNode<FindingEntity>()([
  'id source item rule document description officerName at',
]);

export const toStatusChangeNode = apiNode<StatusChangeEntity>()(['actorName reason at'], (c) => ({
  from: c.fromStatus,
  to: c.toStatus,
}));
