import { QINGHAI } from '@jianguan/testing';
import { until } from './support/polling';
import { problems, registerInstitution } from './support/enforcement-operations';
import { INSTITUTION_ORDERS, useEnforcementOrdersStack } from './support/enforcement-orders-stack';

/**
 * Orders opened and closed by other departments' events inside a campaign — registry and enforcement
 * with their workers behind the gateway.
 */
const { federation, db, tokens, outboxTypes } = useEnforcementOrdersStack();

const START_CAMPAIGN = `mutation Start($input: StartCampaignInput!) {
  startCampaign(input: $input) { id name regionCode defaultDeadline }
}`;
const CAMPAIGN = `query Campaign($id: ID!) {
  campaign(id: $id) { id name progress { regionCode orders open rectified overdue closed } }
}`;
const RECORD_LICENCE = `mutation Licence($input: RecordLicenceInput!) { recordLicence(input: $input) { id certificateStatus } }`;
const RECORD_SURVEY = `mutation Survey($input: RecordSurveyInput!) { recordSurvey(input: $input) { id } }`;
const ISSUE = `mutation Issue($input: IssueRectificationOrderInput!) {
  issueRectificationOrder(input: $input) { id deadline status }
}`;

it('opens an order for an incomplete institution inside a campaign, and closes it when the licences complete', async () => {
  const now = Date.now();
  const refused = await federation.query(
    START_CAMPAIGN,
    {
      input: {
        name: '校外培训专项治理',
        regionCode: QINGHAI.chengdong,
        startsAt: new Date(now).toISOString(),
        endsAt: new Date(now - 1000).toISOString(),
        defaultDeadline: new Date(now + 86_400_000).toISOString(),
      },
    },
    tokens.officer,
  );
  expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'endsAt' });
  const defaultDeadline = new Date(now + 30 * 86_400_000).toISOString();
  const input = {
    name: '城东区校外培训专项治理行动',
    regionCode: QINGHAI.chengdong,
    startsAt: new Date(now - 60_000).toISOString(),
    endsAt: new Date(now + 40 * 86_400_000).toISOString(),
    defaultDeadline,
  };
  expect(
    (await federation.query(START_CAMPAIGN, { input }, tokens.otherCounty)).errors?.[0].extensions?.code,
  ).toBe('FORBIDDEN');
  const started = await federation.query<{ startCampaign: { id: string } }>(
    START_CAMPAIGN,
    { input },
    tokens.officer,
  );
  expect(started.errors).toBeUndefined();
  const campaignId = started.data!.startCampaign.id;

  const id = await registerInstitution(federation, db, tokens.registryOfficer, '城东区证照不全培训学校');
  const survey = await federation.query(
    RECORD_SURVEY,
    {
      input: {
        institutionId: id,
        surveyedAt: new Date(Date.now() - 60_000).toISOString(),
        gridCode: QINGHAI.beiguanCommunity,
        finding: 'OPERATING',
      },
    },
    tokens.registryOfficer,
  );
  expect(survey.errors).toBeUndefined();
  const opened = await until(
    () =>
      federation.query<{
        institution: {
          rectificationOrders: {
            id: string;
            status: string;
            source: string;
            deadline: string;
            problems: { code: string }[];
          }[];
        };
      }>(INSTITUTION_ORDERS, { id }, tokens.officer),
    (r) => (r.data?.institution.rectificationOrders.length ?? 0) > 0,
  );
  const [order] = opened.data!.institution.rectificationOrders;
  expect(order).toMatchObject({ source: 'SURVEY', status: 'OPEN', deadline: defaultDeadline });
  expect(order.problems.map((p) => p.code)).toContain('MISSING_SCHOOL_PERMIT');

  for (const type of ['SCHOOL_PERMIT', 'BUSINESS_LICENCE', 'FIRE_SAFETY_CLEARANCE']) {
    const licence = await federation.query(
      RECORD_LICENCE,
      {
        input: {
          institutionId: id,
          type,
          number: `${type}-${id.slice(0, 8)}`,
          issuedBy: '西宁市城东区',
          issuedOn: '2025-03-01',
        },
      },
      tokens.registryOfficer,
    );
    expect(licence.errors).toBeUndefined();
  }
  const rectified = await until(
    () =>
      federation.query<{ institution: { rectificationOrders: { status: string }[] } }>(
        INSTITUTION_ORDERS,
        { id },
        tokens.officer,
      ),
    (r) => r.data?.institution.rectificationOrders[0]?.status === 'RECTIFIED',
  );
  expect(rectified.data!.institution.rectificationOrders).toEqual([
    expect.objectContaining({ status: 'RECTIFIED' }),
  ]);

  // An order issued by hand under the campaign takes its default deadline.
  const other = await registerInstitution(federation, db, tokens.registryOfficer, '城东区专项检查培训学校');
  const issued = await federation.query<{ issueRectificationOrder: { deadline: string } }>(
    ISSUE,
    { input: { institutionId: other, source: 'INSPECTION', problems, campaignId } },
    tokens.officer,
  );
  expect(issued.data?.issueRectificationOrder.deadline).toBe(defaultDeadline);

  const progress = await federation.query<{ campaign: { progress: unknown[] } }>(
    CAMPAIGN,
    { id: campaignId },
    tokens.officer,
  );
  expect(progress.data!.campaign.progress).toEqual([
    { regionCode: QINGHAI.dongguanStreet, orders: 2, open: 1, rectified: 1, overdue: 0, closed: 0 },
  ]);
  expect(await outboxTypes()).toEqual(
    expect.arrayContaining(['RectificationOrderIssued', 'RectificationConfirmed']),
  );
});
