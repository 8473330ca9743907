import { registryService } from '@jianguan/registry';
import { QINGHAI, tokenFor, validCreditCode, officialToken } from '@jianguan/testing';
import { enforcementService } from '@jianguan/enforcement';
import { until } from './support/polling';
import { problems, REGISTER, registerInstitution } from './support/enforcement-operations';
import { useFederationStack } from './support/stack';

/**
 * Orders opened and closed by other departments' events inside a campaign, penalties with the online
 * card ladder, and typical cases — registry and enforcement with their workers behind the gateway.
 */
const { federation, db } = useFederationStack({
  services: [registryService, enforcementService],
  workers: true,
  env: { OUTBOX_POLL_MS: '200', ENFORCEMENT_YELLOW_CARD_WINDOW_SECONDS: '3600' },
});
let registryOfficer: string;
let officer: string;
let otherCounty: string;

beforeAll(async () => {
  registryOfficer = await tokenFor({ scopes: ['registry:write'], regionCode: QINGHAI.chengdong });
  officer = await officialToken(
    'officer-wang',
    '王执法',
    ['enforcement:write', 'enforcement:read'],
    QINGHAI.chengdong,
  );
  otherCounty = await tokenFor({ scopes: ['enforcement:write'], regionCode: QINGHAI.chengzhong });
});

const START_CAMPAIGN = `mutation Start($input: StartCampaignInput!) {
  startCampaign(input: $input) { id name regionCode defaultDeadline }
}`;
const CAMPAIGN = `query Campaign($id: ID!) {
  campaign(id: $id) { id name progress { regionCode orders open rectified overdue closed } }
}`;
const INSTITUTION_ORDERS = `query Inst($id: ID!) {
  institution(id: $id) {
    id name
    rectificationOrders { id source status deadline problems { code } }
    penalties { type amountFen legalBasis order { id } }
  }
}`;
const RECORD_LICENCE = `mutation Licence($input: RecordLicenceInput!) { recordLicence(input: $input) { id certificateStatus } }`;
const RECORD_SURVEY = `mutation Survey($input: RecordSurveyInput!) { recordSurvey(input: $input) { id } }`;
const IMPOSE = `mutation Impose($input: ImposePenaltyInput!) {
  imposePenalty(input: $input) { id type amountFen description legalBasis }
}`;
const CARD = `mutation Card($input: IssuePatrolCardInput!) {
  issuePatrolCard(input: $input) { card reason penalty { type } }
}`;
const PUBLISH = `mutation Publish($input: PublishTypicalCaseInput!) {
  publishTypicalCase(input: $input) { id title regionCode institution { id name } }
}`;
const ISSUE = `mutation Issue($input: IssueRectificationOrderInput!) {
  issueRectificationOrder(input: $input) { id deadline status }
}`;

const outboxTypes = async () =>
  (await db.query(`SELECT type FROM enforcement.outbox ORDER BY seq`)).rows.map(
    (r: { type: string }) => r.type,
  );

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
    officer,
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
  expect((await federation.query(START_CAMPAIGN, { input }, otherCounty)).errors?.[0].extensions?.code).toBe(
    'FORBIDDEN',
  );
  const started = await federation.query<{ startCampaign: { id: string } }>(
    START_CAMPAIGN,
    { input },
    officer,
  );
  expect(started.errors).toBeUndefined();
  const campaignId = started.data!.startCampaign.id;

  const id = await registerInstitution(federation, db, registryOfficer, '城东区证照不全培训学校');
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
    registryOfficer,
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
      }>(INSTITUTION_ORDERS, { id }, officer),
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
      registryOfficer,
    );
    expect(licence.errors).toBeUndefined();
  }
  const rectified = await until(
    () =>
      federation.query<{ institution: { rectificationOrders: { status: string }[] } }>(
        INSTITUTION_ORDERS,
        { id },
        officer,
      ),
    (r) => r.data?.institution.rectificationOrders[0]?.status === 'RECTIFIED',
  );
  expect(rectified.data!.institution.rectificationOrders).toEqual([
    expect.objectContaining({ status: 'RECTIFIED' }),
  ]);

  // An order issued by hand under the campaign takes its default deadline.
  const other = await registerInstitution(federation, db, registryOfficer, '城东区专项检查培训学校');
  const issued = await federation.query<{ issueRectificationOrder: { deadline: string } }>(
    ISSUE,
    { input: { institutionId: other, source: 'INSPECTION', problems, campaignId } },
    officer,
  );
  expect(issued.data?.issueRectificationOrder.deadline).toBe(defaultDeadline);

  const progress = await federation.query<{ campaign: { progress: unknown[] } }>(
    CAMPAIGN,
    { id: campaignId },
    officer,
  );
  expect(progress.data!.campaign.progress).toEqual([
    { regionCode: QINGHAI.dongguanStreet, orders: 2, open: 1, rectified: 1, overdue: 0, closed: 0 },
  ]);
  expect(await outboxTypes()).toEqual(
    expect.arrayContaining(['RectificationOrderIssued', 'RectificationConfirmed']),
  );
});

it('imposes penalties in fen, runs the online card ladder and publishes a typical case', async () => {
  const offline = await registerInstitution(federation, db, registryOfficer, '城东区违规收费培训学校');
  const fine = await federation.query<{ imposePenalty: { amountFen: string } }>(
    IMPOSE,
    {
      input: {
        institutionId: offline,
        type: 'FINE',
        amountFen: 5_000_000_00,
        description: '超期预收费',
        legalBasis: '《校外培训行政处罚暂行办法》第十七条',
      },
    },
    officer,
  );
  expect(fine.errors).toBeUndefined();
  expect(fine.data!.imposePenalty.amountFen).toBe('500000000');
  const warningWithAmount = await federation.query(
    IMPOSE,
    {
      input: {
        institutionId: offline,
        type: 'WARNING',
        amountFen: 100,
        description: '警告',
        legalBasis: '第十七条',
      },
    },
    officer,
  );
  expect(warningWithAmount.errors?.[0].extensions).toMatchObject({
    code: 'BAD_USER_INPUT',
    field: 'amountFen',
  });
  const platformOffline = await federation.query(
    IMPOSE,
    {
      input: {
        institutionId: offline,
        type: 'SUSPEND_PLATFORM',
        description: '暂停平台',
        legalBasis: '第十七条',
        // A suspension needs its term (otherwise BAD_USER_INPUT on endsAt before the kind is checked).
        endsAt: '2027-06-30T00:00:00+08:00',
      },
    },
    officer,
  );
  expect(platformOffline.errors?.[0].extensions?.code).toBe('CONFLICT');
  expect(
    (
      await federation.query(
        IMPOSE,
        { input: { institutionId: offline, type: 'WARNING', description: '警告', legalBasis: '第十七条' } },
        otherCounty,
      )
    ).errors?.[0].extensions?.code,
  ).toBe('FORBIDDEN');
  const penalties = await federation.query<{ institution: { penalties: { type: string }[] } }>(
    INSTITUTION_ORDERS,
    { id: offline },
    officer,
  );
  expect(penalties.data!.institution.penalties).toEqual([
    { type: 'FINE', amountFen: '500000000', legalBasis: '《校外培训行政处罚暂行办法》第十七条', order: null },
  ]);

  const registered = await federation.query<{ registerInstitution: { id: string } }>(
    REGISTER,
    {
      input: {
        name: '某在线学科培训平台',
        creditCode: validCreditCode(QINGHAI.chengdong),
        kind: 'ONLINE',
        category: 'SUBJECT',
        regionCode: QINGHAI.chengdong,
        address: '城东区互联网产业园',
        onNationalPlatform: true,
      },
    },
    registryOfficer,
  );
  const online = registered.data!.registerInstitution.id;
  await until(
    async () =>
      (await db.query(`SELECT kind FROM enforcement.known_institution WHERE id = $1`, [online])).rows[0]
        ?.kind,
    (kind) => kind === 'ONLINE',
  );
  const card = (kind: string, reason: string) =>
    federation.query<{ issuePatrolCard: { card: string; penalty: { type: string } | null }[] }>(
      CARD,
      { input: { institutionId: online, card: kind, reason } },
      officer,
    );
  expect((await card('REMINDER', '课程时长超标')).data!.issuePatrolCard.map((c) => c.card)).toEqual([
    'REMINDER',
  ]);
  expect((await card('YELLOW', '21:00 后仍在授课')).data!.issuePatrolCard.map((c) => c.card)).toEqual([
    'YELLOW',
  ]);
  const second = await card('YELLOW', '再次 21:00 后授课');
  expect(second.data!.issuePatrolCard).toEqual([
    expect.objectContaining({ card: 'YELLOW', penalty: null }),
    expect.objectContaining({ card: 'RED', penalty: { type: 'SUSPEND_PLATFORM' } }),
  ]);

  const published = await federation.query<{ publishTypicalCase: { institution: { name: string } } }>(
    PUBLISH,
    {
      input: {
        institutionId: offline,
        title: '城东区某培训学校超期收费被罚',
        summary: '预收费超过三个月，依法罚款',
      },
    },
    officer,
  );
  expect(published.errors).toBeUndefined();
  expect(published.data!.publishTypicalCase.institution.name).toBe('城东区违规收费培训学校');
  const types = await outboxTypes();
  expect(types.filter((t) => t === 'PenaltyImposed')).toHaveLength(2);
  expect(types).toContain('TypicalCasePublished');
});
