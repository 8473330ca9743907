/**
 * A campaign started over institutions already on file (the Qinghai action is aimed at exactly those),
 * through the gateway with every subgraph and worker: each in scope gets one order at the start; one
 * rectifies in time (WHITE), one late (BLACK, then removed), one is suspended and resumes, one is banned;
 * the county's dashboard shows exactly that.
 */
import { QINGHAI, officialToken } from '@jianguan/testing';
import { until } from './support/polling';
import { ok } from './support/federation';
import { recordLicences, recordOperatingSurvey, registerInstitution } from './support/registry-operations';
import { useFederationStack } from './support/stack';

const COUNTY = QINGHAI.chengzhong;
const PLACE = QINGHAI.chengzhong; // institutions registered at county level
/** Seconds from the start to the campaign's deadline: time for the test to rectify two in time. */
const DEADLINE_SECONDS = 12;

const { federation, db } = useFederationStack({
  workers: true,
  env: {
    ENFORCEMENT_REMINDER_OFFSETS_SECONDS: '3',
    ENFORCEMENT_ESCALATION_GRACE: '600s',
    OUTBOX_POLL_MS: '200',
  },
});
let official: string;
let grid: string;

beforeAll(async () => {
  official = await officialToken(
    'cz-officer',
    '城中区执法',
    ['enforcement:write', 'enforcement:read', 'registry:read', 'review:read', 'filing:read'],
    COUNTY,
  );
  grid = await officialToken('cz-grid', '城中区网格员', ['registry:write', 'registry:read'], COUNTY);
}, 60_000);

const DASHBOARD = `query Dashboard($code: String!) {
  region(code: $code) {
    institutionStats { total byStatus { active rectifying banned suspended } }
    rectificationStats { open rectified overdue }
    listStats { white grey black }
  }
}`;
const CAMPAIGN = `query Campaign($id: ID!) {
  campaign(id: $id) { enrolment { enrolled done } progress { regionCode orders open rectified overdue } }
}`;
const VIEW = `query View($id: ID!) { institution(id: $id) { status rectificationOrders { id status rectifiedLate } listing { list } } }`;
const IMPOSE = `mutation Impose($input: ImposePenaltyInput!) { imposePenalty(input: $input) { id } }`;
const REMOVE = `mutation Remove($input: RemoveFromBlacklistInput!) { removeFromBlacklist(input: $input) { removed } }`;

interface View {
  status: string;
  rectificationOrders: { id: string; status: string; rectifiedLate: boolean }[];
  listing: { list: string | null } | null;
}
const view = async (id: string) =>
  ok(await federation.query<{ institution: View }>(VIEW, { id }, official)).institution;
const untilView = (id: string, check: (v: View) => boolean) => until(() => view(id), check, 30_000);

async function register(name: string, licences: string[], onNationalPlatform = true) {
  const institution = { name, regionCode: PLACE, address: '西宁市城中区南大街 1 号', onNationalPlatform };
  const { id } = await registerInstitution(federation, grid, institution);
  for (const type of licences) await recordLicence(id, type);
  // The grid survey classifies it (分类建档), which is what puts it in a campaign's scope.
  await recordOperatingSurvey(federation, grid, id, PLACE);
  return id;
}
const recordLicence = (institutionId: string, type: string) =>
  recordLicences(federation, grid, institutionId, [type], '西宁市城中区');

it('opens orders for every institution on file in scope, and the dashboard counts what followed', async () => {
  const base = ['BUSINESS_LICENCE', 'FIRE_SAFETY_CLEARANCE'];
  const onTime = await register('城中区博雅书法培训学校', base);
  const late = await register('城中区金话筒口才培训中心', base);
  const suspended = await register('城中区乐学数学培训部', base);
  const banned = await register('城中区无证学科培训点', []);
  const licensed = await register('城中区明远艺术培训学校', [...base, 'SCHOOL_PERMIT']);
  const classified = await until(
    async () =>
      (
        await db.query(
          `SELECT count(*)::int AS n FROM enforcement.known_institution WHERE certificate_status IS NOT NULL AND region_code LIKE '630103%'`,
        )
      ).rows[0].n,
    (n) => n === 5,
  );
  expect(classified).toBe(5);

  const now = Date.now();
  const { id: campaignId } = ok(
    await federation.query<{ startCampaign: { id: string } }>(
      `mutation Start($input: StartCampaignInput!) { startCampaign(input: $input) { id } }`,
      {
        input: {
          name: '城中区证照不全专项治理',
          regionCode: COUNTY,
          startsAt: new Date(now - 1000).toISOString(),
          endsAt: new Date(now + 3_600_000).toISOString(),
          defaultDeadline: new Date(now + DEADLINE_SECONDS * 1000).toISOString(),
        },
      },
      official,
    ),
  ).startCampaign;
  const enrolled = await until(
    async () =>
      ok(
        await federation.query<{ campaign: { enrolment: { enrolled: number; done: boolean } } }>(
          CAMPAIGN,
          { id: campaignId },
          official,
        ),
      ).campaign,
    (c) => c.enrolment.done,
  );
  expect(enrolled.enrolment).toEqual({ enrolled: 4, done: true });
  for (const id of [onTime, late, suspended, banned]) {
    expect((await untilView(id, (v) => v.rectificationOrders.length === 1)).rectificationOrders).toHaveLength(
      1,
    );
  }
  expect((await view(licensed)).rectificationOrders).toEqual([]);

  // In time: the permit is recorded, which confirms the order by itself.
  await recordLicence(onTime, 'SCHOOL_PERMIT');
  await untilView(onTime, (v) => v.listing?.list === 'WHITE');
  // Suspended: stop enrolling for four seconds, then it resumes.
  ok(
    await federation.query(
      IMPOSE,
      {
        input: {
          institutionId: suspended,
          type: 'STOP_ENROLLING',
          description: '无证招生',
          legalBasis: '第十七条',
          endsAt: new Date(Date.now() + 4000).toISOString(),
        },
      },
      official,
    ),
  );
  await untilView(suspended, (v) => v.status === 'SUSPENDED');
  await recordLicence(suspended, 'SCHOOL_PERMIT');
  await untilView(suspended, (v) => v.status === 'ACTIVE');
  // Banned: training in subjects without any licence.
  ok(
    await federation.query(
      IMPOSE,
      {
        input: {
          institutionId: banned,
          type: 'SECTOR_BAN',
          description: '无证开展学科类培训',
          legalBasis: '第十八条',
        },
      },
      official,
    ),
  );
  // Late: the deadline passes, the permit comes after it, and the county takes it off the black list.
  const overdue = await untilView(
    late,
    // The registry's status and the public list learn of the missed deadline from separate events.
    (v) =>
      v.rectificationOrders[0]?.status === 'OVERDUE' && v.listing?.list === 'BLACK' && v.status === 'BANNED',
  );
  expect(overdue.status).toBe('BANNED');
  await recordLicence(late, 'SCHOOL_PERMIT');
  const rectifiedLate = await untilView(late, (v) => v.rectificationOrders[0]?.status === 'RECTIFIED');
  expect(rectifiedLate.rectificationOrders[0].rectifiedLate).toBe(true);
  expect(rectifiedLate.listing?.list).toBe('BLACK');
  ok(
    await federation.query(
      REMOVE,
      { input: { institutionId: late, reason: '逾期补办办学许可证，经复查移出黑名单' } },
      official,
    ),
  );
  await untilView(late, (v) => v.listing?.list === 'WHITE' && v.status === 'ACTIVE');

  const expected = {
    institutionStats: { total: 5, byStatus: { active: 4, rectifying: 0, banned: 1, suspended: 0 } },
    // The banned institution's order missed its deadline too.
    rectificationStats: { open: 0, rectified: 3, overdue: 1 },
    listStats: { white: 4, grey: 0, black: 1 },
  };
  const dashboard = await until(
    async () => ok(await federation.query<{ region: unknown }>(DASHBOARD, { code: COUNTY }, official)).region,
    (region) => JSON.stringify(region) === JSON.stringify(expected),
    30_000,
  );
  expect(dashboard).toEqual(expected);
});
