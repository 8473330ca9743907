/** The GraphQL documents the demo loader sends through the gateway, as each department's client would. */
import { gatewayOperations } from '@jianguan/tools';

export const INSTITUTION_BY_CREDIT_CODE = `query Existing($creditCode: String!) {
  institutionByCreditCode(creditCode: $creditCode) { id name regionCode }
}`;

export const START_CAMPAIGN = `mutation StartCampaign($input: StartCampaignInput!) {
  startCampaign(input: $input) { id name defaultDeadline }
}`;

export const ISSUE_ORDER = gatewayOperations.issueOrder('id deadline');

export const ORDERS_OF_INSTITUTION = `query Orders($filter: RectificationOrderFilter) {
  rectificationOrders(filter: $filter, first: 5) { edges { node { id status } } }
}`;

export const CONFIRM = gatewayOperations.confirmRectification('id status');

export const IMPOSE_PENALTY = `mutation Penalty($input: ImposePenaltyInput!) {
  imposePenalty(input: $input) { id type }
}`;

export const PUBLISH_CASE = `mutation Publish($input: PublishTypicalCaseInput!) {
  publishTypicalCase(input: $input) { id title }
}`;

const APPLICATION = 'id status';
export const SUBMIT_APPLICATION = gatewayOperations.submitApplication(APPLICATION);
export const START_REVIEW = gatewayOperations.startReview(APPLICATION);
export const REQUEST_MATERIALS = gatewayOperations.requestMaterials(APPLICATION);
export const DECIDE = gatewayOperations.decideQualification(APPLICATION);

const FILING = 'id status';
export const SUBMIT_FILING = gatewayOperations.submitFiling(FILING);
export const SCREEN_FILING = gatewayOperations.screenFiling(FILING);
export const APPROVE_FILING = gatewayOperations.approveFiling(FILING);
export const REJECT_FILING = gatewayOperations.rejectFiling(FILING);

export const RECORD_LICENCE = gatewayOperations.recordLicence('id certificateStatus');
export const JOIN_PLATFORM = gatewayOperations.joinPlatform('id');
