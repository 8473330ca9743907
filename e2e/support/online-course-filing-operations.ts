/** GraphQL documents and setup steps the online-course-filing tests send through the gateway. */
import type { Client } from 'pg';
import { QINGHAI, validIdNumber } from '@jianguan/testing';
import { compliantCourse, gatewayOperations } from '@jianguan/tools';
import type { TestFederation } from './federation';
import { until } from './polling';
import { registerInstitution } from './registry-operations';

export const FILING_FIELDS = `
  id regionCode status submittedAt screenedAt decidedAt reasons version
  institution { id }
  ruleSet { version document effectiveFrom maxLessonMinutes }
  findings { source item rule document description officerName }
  history { from to actorName reason }
`;

export interface FilingShape {
  id: string;
  regionCode: string;
  status: string;
  submittedAt: string | null;
  reasons: string[];
  ruleSet: { version: string; document: string; maxLessonMinutes: number } | null;
  findings: { source: string; item: string | null; rule: string; document: string; description: string }[];
  history: { from: string | null; to: string; actorName: string; reason: string | null }[];
}

export const SUBMIT_FILING = gatewayOperations.submitFiling(FILING_FIELDS);
export const SCREEN_FILING = gatewayOperations.screenFiling(FILING_FIELDS);
export const ADD_FINDING = `mutation Finding($input: AddScreeningFindingInput!) {
  addScreeningFinding(input: $input) { ${FILING_FIELDS} }
}`;
export const APPROVE_FILING = gatewayOperations.approveFiling(FILING_FIELDS);
export const REJECT_FILING = gatewayOperations.rejectFiling(FILING_FIELDS);
export const FILING_PERSONNEL = `query Personnel($id: ID!, $first: Int, $after: String) {
  onlineFiling(id: $id) {
    id
    personnel(first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { node { line name idNumber role subject teacherCertificateNumber } }
    }
    courses { totalCount edges { node { line title lessonMinutes endTime } } }
  }
}`;
export const INSTITUTION_FILING = `query Inst($id: ID!) {
  institution(id: $id) { id name kind onlineFiling { id status findings { rule } } }
}`;
export const REGION_FILING_STATS = `query Stats($code: String!) {
  region(code: $code) {
    code name
    filingStats {
      institutionsFiled personnel courses filingsWithProblems
      byStatus { draft submitted screening rectificationRequired filed rejected }
    }
  }
}`;

export { compliantCourse };

export const mathTeacher = (changes: Record<string, unknown> = {}) => ({
  name: '张老师',
  idNumber: validIdNumber(QINGHAI.chengdong, '19850312'),
  role: 'TEACHER',
  subject: 'MATH',
  teacherCertificateNumber: '20156301234567',
  ...changes,
});

export const filingInput = (institutionId: string, changes: Record<string, unknown> = {}) => ({
  institutionId,
  institutionInfo: {
    name: '青海云课堂教育科技有限公司',
    legalRepresentative: '王某',
    contactPhone: '13900000000',
  },
  businessInfo: {
    platforms: [
      { kind: 'WEBSITE', name: '云课堂', domain: 'yunketang.example.cn', icpNumber: '青ICP备19000001号' },
      { kind: 'APP', name: '云课堂App', storeIds: ['cn.example.yunketang'] },
    ],
    telecomLicence: 'B2-20190001',
    complaintLink: 'https://yunketang.example.cn/complaints',
    userAgreement: 'https://yunketang.example.cn/agreement',
  },
  personnel: [mathTeacher()],
  courses: [compliantCourse()],
  commitments: [{ code: 'NO_EXAM_ORIENTED', text: '不开展超标超前培训' }],
  ...changes,
});

/**
 * Registers an ONLINE institution in the registry and waits until online-course-filing has learnt
 * of it from InstitutionRegistered (its read model). Returns the institution's id.
 */
export async function registerOnlineInstitution(
  federation: TestFederation,
  db: Client,
  registryToken: string,
  options: { name?: string; regionCode?: string; kind?: 'ONLINE' | 'OFFLINE' } = {},
): Promise<string> {
  const { id } = await registerInstitution(federation, registryToken, {
    name: options.name ?? '青海云课堂教育科技有限公司',
    kind: options.kind ?? 'ONLINE',
    regionCode: options.regionCode ?? QINGHAI.beiguanCommunity,
    address: '北关街 18 号',
  });
  const known = await until(
    () => db.query('SELECT 1 FROM online_course_filing.known_institution WHERE id = $1', [id]),
    (result) => result.rowCount === 1,
  );
  if (known.rowCount !== 1) throw new Error('online-course-filing never learnt of the institution');
  return id;
}
