import { maskIdNumber, SCOPES, type Viewer } from '@jianguan/platform';
import type { CourseEntity } from './entities/course.entity';
import type { FilingEntity } from './entities/filing.entity';
import type { FindingEntity } from './entities/finding.entity';
import type { PersonEntity } from './entities/person.entity';
import type { RuleSetEntity } from './entities/rule-set.entity';
import type { StatusChangeEntity } from './entities/status-change.entity';

/** The GraphQL shapes, built from entities so storage columns stay inside. */
export const toFilingNode = (f: FilingEntity) => ({
  id: f.id,
  institutionId: f.institutionId,
  institution: { __typename: 'Institution' as const, id: f.institutionId },
  regionCode: f.regionCode,
  status: f.status,
  institutionInfo: f.institutionInfo,
  businessInfo: f.businessInfo,
  commitments: f.commitments,
  ruleSetVersion: f.ruleSetVersion,
  submittedAt: f.submittedAt,
  screenedAt: f.screenedAt,
  decidedAt: f.decidedAt,
  reasons: f.reasons,
  version: f.version,
});
export type FilingNode = ReturnType<typeof toFilingNode>;

/** ID numbers leave the service unmasked only for those who screen filings (or admins). */
export const toPersonNode = (p: PersonEntity, viewer: Viewer) => ({
  line: p.line,
  name: p.name,
  idNumber: viewer.hasScope(SCOPES.filingScreen) ? p.idNumber : maskIdNumber(p.idNumber),
  role: p.role,
  subject: p.subject,
  teacherCertificateNumber: p.teacherCertificateNumber,
});

export const toCourseNode = (c: CourseEntity) => {
  const { filingId: _filingId, ...rest } = c;
  return rest;
};

export const toRuleSetNode = (r: RuleSetEntity) => ({ ...r });

export const toFindingNode = (f: FindingEntity) => ({
  id: f.id,
  source: f.source,
  item: f.item,
  rule: f.rule,
  document: f.document,
  description: f.description,
  officerName: f.officerName,
  at: f.at,
});

export const toStatusChangeNode = (c: StatusChangeEntity) => ({
  from: c.fromStatus,
  to: c.toStatus,
  actorName: c.actorName,
  reason: c.reason,
  at: c.at,
});
