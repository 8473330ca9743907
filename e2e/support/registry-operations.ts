/** GraphQL documents the registry tests send through the gateway, as a frontend would, and the setup steps made of them. */
import { QINGHAI, validCreditCode } from '@jianguan/testing';
import { gatewayOperations } from '@jianguan/tools';
import { ok, type TestFederation } from './federation';

/** A training school of Beiguan community as a grid worker registers it, with a fresh credit code. */
export const qihangSchool = (overrides: Record<string, unknown> = {}) => ({
  name: '西宁启航培训学校',
  creditCode: validCreditCode(),
  kind: 'OFFLINE',
  category: 'SUBJECT',
  regionCode: QINGHAI.beiguanCommunity,
  address: '西宁市城东区东关大街 88 号',
  ...overrides,
});

export const INSTITUTION_FIELDS = `
  id name creditCode kind category regionCode address status onNationalPlatform
  certificateStatus missingLicences
  region { code name level }
  licences { type number valid }
`;

export const REGISTER = `mutation Register($input: RegisterInstitutionInput!) {
  registerInstitution(input: $input) { ${INSTITUTION_FIELDS} }
}`;

export const RECORD_LICENCE = gatewayOperations.recordLicence(INSTITUTION_FIELDS);

export const RECORD_SURVEY = `mutation Survey($input: RecordSurveyInput!) {
  recordSurvey(input: $input) { id finding classification gridCode surveyorName }
}`;

export const JOIN_PLATFORM = gatewayOperations.joinPlatform(INSTITUTION_FIELDS);

export const INSTITUTION = `query One($id: ID!) { institution(id: $id) { ${INSTITUTION_FIELDS} surveys { classification } } }`;

export const INSTITUTIONS_PAGE = `query Page($filter: InstitutionFilter, $first: Int, $after: String) {
  institutions(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id name regionCode region { code name parent { code name } } } }
  }
}`;

export const REGION_STATS = `query Stats($code: String!) {
  region(code: $code) {
    code name level
    institutionStats { total byCertificateStatus { complete incomplete none } byStatus { active closed } }
  }
}`;

/** An institution as the tests register it: subject training, on the national platform unless said. */
export interface NewInstitution {
  name: string;
  regionCode: string;
  address: string;
  kind?: 'OFFLINE' | 'ONLINE';
  onNationalPlatform?: boolean;
}

/** Registers through the gateway (a credit code of the region's county); returns the id and credit code. */
export async function registerInstitution(
  federation: TestFederation,
  token: string,
  institution: NewInstitution,
): Promise<{ id: string; creditCode: string }> {
  const creditCode = validCreditCode(institution.regionCode.slice(0, 6));
  const input = {
    ...institution,
    kind: institution.kind ?? 'OFFLINE',
    onNationalPlatform: institution.onNationalPlatform ?? true,
    creditCode,
    category: 'SUBJECT',
  };
  const registered = ok(
    await federation.query<{ registerInstitution: { id: string } }>(REGISTER, { input }, token),
  );
  return { id: registered.registerInstitution.id, creditCode };
}

/** Records each licence (issued 2025-03-01 by `issuedBy`), one mutation after another. */
export async function recordLicences(
  federation: TestFederation,
  token: string,
  institutionId: string,
  types: string[],
  issuedBy = '西宁市城东区',
) {
  for (const type of types) {
    const number = `${type}-${institutionId.slice(0, 8)}`;
    const input = { institutionId, type, number, issuedBy, issuedOn: '2025-03-01' };
    ok(await federation.query(RECORD_LICENCE, { input }, token));
  }
}

/** The grid survey (a minute ago) that finds the institution operating; returns its classification. */
export async function recordOperatingSurvey(
  federation: TestFederation,
  token: string,
  institutionId: string,
  gridCode: string,
): Promise<string> {
  const surveyedAt = new Date(Date.now() - 60_000).toISOString();
  const input = { institutionId, surveyedAt, gridCode, finding: 'OPERATING' };
  const recorded = ok(
    await federation.query<{ recordSurvey: { classification: string } }>(RECORD_SURVEY, { input }, token),
  );
  return recorded.recordSurvey.classification;
}
