/** The GraphQL documents the demo loader sends through the gateway, as each department's client would. */
export const INSTITUTION_BY_CREDIT_CODE = `query Existing($creditCode: String!) {
  institutionByCreditCode(creditCode: $creditCode) { id name regionCode }
}`;

export const START_CAMPAIGN = `mutation StartCampaign($input: StartCampaignInput!) {
  startCampaign(input: $input) { id name defaultDeadline }
}`;

export const ISSUE_ORDER = `mutation Issue($input: IssueRectificationOrderInput!) {
  issueRectificationOrder(input: $input) { id deadline }
}`;

export const ORDERS_OF_INSTITUTION = `query Orders($filter: RectificationOrderFilter) {
  rectificationOrders(filter: $filter, first: 5) { edges { node { id status } } }
}`;

export const CONFIRM = `mutation Confirm($input: ConfirmRectificationInput!) {
  confirmRectification(input: $input) { id status }
}`;

export const IMPOSE_PENALTY = `mutation Penalty($input: ImposePenaltyInput!) {
  imposePenalty(input: $input) { id type }
}`;

export const PUBLISH_CASE = `mutation Publish($input: PublishTypicalCaseInput!) {
  publishTypicalCase(input: $input) { id title }
}`;

const APPLICATION = 'id status';
export const SUBMIT_APPLICATION = `mutation Submit($input: SubmitQualificationApplicationInput!) {
  submitQualificationApplication(input: $input) { ${APPLICATION} }
}`;
export const START_REVIEW = `mutation Start($id: ID!) { startReview(applicationId: $id) { ${APPLICATION} } }`;
export const REQUEST_MATERIALS = `mutation Request($input: RequestMaterialsInput!) {
  requestMaterials(input: $input) { ${APPLICATION} }
}`;
export const DECIDE = `mutation Decide($input: DecideQualificationInput!) {
  decideQualification(input: $input) { ${APPLICATION} }
}`;

const FILING = 'id status';
export const SUBMIT_FILING = `mutation SubmitFiling($input: SubmitOnlineFilingInput!) {
  submitOnlineFiling(input: $input) { ${FILING} }
}`;
export const SCREEN_FILING = `mutation Screen($id: ID!) { screenOnlineFiling(filingId: $id) { ${FILING} } }`;
export const APPROVE_FILING = `mutation Approve($id: ID!) { approveOnlineFiling(filingId: $id) { ${FILING} } }`;
export const REJECT_FILING = `mutation Reject($input: RejectOnlineFilingInput!) {
  rejectOnlineFiling(input: $input) { ${FILING} }
}`;

export const RECORD_LICENCE = `mutation Licence($input: RecordLicenceInput!) {
  recordLicence(input: $input) { id certificateStatus }
}`;
export const JOIN_PLATFORM = `mutation Join($id: ID!) { joinNationalPlatform(institutionId: $id) { id } }`;
