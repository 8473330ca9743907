/** GraphQL documents the registry tests send through the gateway, as a frontend would. */
export const INSTITUTION_FIELDS = `
  id name creditCode kind category regionCode address status onNationalPlatform
  certificateStatus missingLicences
  region { code name level }
  licences { type number valid }
`;

export const REGISTER = `mutation Register($input: RegisterInstitutionInput!) {
  registerInstitution(input: $input) { ${INSTITUTION_FIELDS} }
}`;

export const RECORD_LICENCE = `mutation Licence($input: RecordLicenceInput!) {
  recordLicence(input: $input) { ${INSTITUTION_FIELDS} }
}`;

export const RECORD_SURVEY = `mutation Survey($input: RecordSurveyInput!) {
  recordSurvey(input: $input) { id finding classification gridCode surveyorName }
}`;

export const JOIN_PLATFORM = `mutation Join($id: ID!) {
  joinNationalPlatform(institutionId: $id) { ${INSTITUTION_FIELDS} }
}`;

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
