/** GraphQL documents and setup steps the qualification-review tests send through the gateway. */
import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { CHECKLISTS } from '@jianguan/qualification-review';
import { QINGHAI } from '@jianguan/testing';
import { gatewayOperations } from '@jianguan/tools';
import type { TestFederation } from './federation';
import { until } from './polling';
import { recordLicences, recordOperatingSurvey, registerInstitution } from './registry-operations';

export const APPLICATION_FIELDS = `
  id regionCode type status track submittedAt dueAt clockPausedAt overdue version
  checklist { type provided }
  materials { type documentRef contentHash }
  requestedMaterials reviewerId reviewerName decision decidedAt reasons
  permit { id number }
  history { from to actorName reason }
  notifications { kind recipient dueAt }
`;

export interface ApplicationShape {
  id: string;
  regionCode: string;
  type: string;
  status: string;
  track: string;
  submittedAt: string;
  dueAt: string;
  clockPausedAt: string | null;
  overdue: boolean;
  version: number;
  checklist: { type: string; provided: boolean }[];
  requestedMaterials: string[];
  reviewerName: string | null;
  decision: string | null;
  reasons: string[];
  permit: { id: string; number: string } | null;
  history: { from: string | null; to: string; actorName: string; reason: string | null }[];
  notifications: { kind: string; recipient: string; dueAt: string }[];
}

export const SUBMIT = gatewayOperations.submitApplication(APPLICATION_FIELDS);
export const START_REVIEW = gatewayOperations.startReview(APPLICATION_FIELDS);
export const REQUEST_MATERIALS = gatewayOperations.requestMaterials(APPLICATION_FIELDS);
export const RESUBMIT = `mutation Resubmit($input: ResubmitMaterialsInput!) {
  resubmitMaterials(input: $input) { ${APPLICATION_FIELDS} }
}`;
export const DECIDE = gatewayOperations.decideQualification(APPLICATION_FIELDS);
export const WITHDRAW = `mutation Withdraw($id: ID!, $reason: String) {
  withdrawQualificationApplication(applicationId: $id, reason: $reason) { ${APPLICATION_FIELDS} }
}`;
export const APPLICATION = `query App($id: ID!) { qualificationApplication(id: $id) { ${APPLICATION_FIELDS} } }`;
export const REVIEW_QUEUE = `query Queue($regionCode: String, $status: ApplicationStatus, $overdueOnly: Boolean, $first: Int, $after: String) {
  reviewQueue(regionCode: $regionCode, status: $status, overdueOnly: $overdueOnly, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id status dueAt overdue institution { id name } } }
  }
}`;
export const REVIEW_STATS = `query Stats($code: String!) {
  region(code: $code) {
    code name
    reviewStats { submitted inReview approved rejected withdrawn overdue medianDaysToDecision }
  }
}`;

/** What a new school-running permit needs: qualification-review's own checklist. */
export const NEW_PERMIT_MATERIALS: string[] = [...CHECKLISTS.NEW_PERMIT];

export const materials = (types: string[]) =>
  types.map((type) => ({
    type,
    documentRef: `docs://materials/${type.toLowerCase()}.pdf`,
    contentHash: createHash('sha256').update(`${type}-${Math.random()}`).digest('hex'),
  }));

/**
 * Registers an offline institution in the registry that holds every licence but the school-running
 * permit, has a survey classifying it INCOMPLETE, and waits until qualification-review has learnt of
 * both events (its read model). Returns the institution's id.
 */
export async function registerIncompleteInstitution(
  federation: TestFederation,
  db: Client,
  registryToken: string,
  options: { name?: string; regionCode?: string; licences?: string[] } = {},
): Promise<string> {
  const regionCode = options.regionCode ?? QINGHAI.beiguanCommunity;
  const name = options.name ?? '城东区启航培训学校';
  const { id } = await registerInstitution(federation, registryToken, {
    name,
    regionCode,
    address: '北关街 8 号',
  });
  const licences = options.licences ?? ['BUSINESS_LICENCE', 'FIRE_SAFETY_CLEARANCE'];
  await recordLicences(federation, registryToken, id, licences);
  await recordOperatingSurvey(federation, registryToken, id, regionCode);
  const known = await until(
    async () =>
      (
        await db.query(
          `SELECT name, survey_finding FROM qualification_review.known_institution WHERE id = $1`,
          [id],
        )
      ).rows[0],
    (row) => !!row?.name && !!row?.survey_finding,
  );
  if (!known?.name || !known?.survey_finding)
    throw new Error('qualification-review never learnt of the institution');
  return id;
}
