/**
 * The Qinghai "licence incomplete" campaign, end to end, through the gateway: every subgraph and
 * every worker as `pnpm start` runs them, on real PostgreSQL and Redis, with the deadline engine
 * in seconds. Each stage checks the province dashboard — one request reading the `Region`
 * statistics of all five departments — as the province would.
 *
 * Longer than a file should be (~400 lines) on purpose: it is one story in order, and each stage's
 * dashboard counts what the stages before it left (4 active, 1 rectifying, 1 banned…); split, a file
 * would have to replay the whole story first. Its helpers live in support/campaign-stack.ts.
 */
import { QINGHAI } from '@jianguan/testing';
import { until } from './support/polling';
import { ok } from './support/federation';
import { JOIN_PLATFORM } from './support/registry-operations';
import {
  DECIDE,
  materials,
  NEW_PERMIT_MATERIALS,
  START_REVIEW,
  SUBMIT,
} from './support/qualification-review-operations';
import {
  APPROVE_FILING,
  compliantCourse,
  filingInput,
  mathTeacher,
  SCREEN_FILING,
  SUBMIT_FILING,
} from './support/online-course-filing-operations';
import { EXTEND, REFERRALS } from './support/enforcement-operations';
import { PUBLIC_LOOKUP, TYPICAL_CASES } from './support/public-list-operations';
import { COUNTY, DASHBOARD, useCampaignStack } from './support/campaign-stack';
import { institutionUser } from './support/stack';

/** Seconds from the campaign's start to its default deadline: time enough for the others to rectify. */
const DEADLINE_SECONDS = 30;

const CAMPAIGN = `query Campaign($id: ID!) {
  campaign(id: $id) { name progress { regionCode orders open rectified overdue } }
}`;

const { federation, db, tokens, view, expectDashboard, register, recordLicences, survey, untilOrder } =
  useCampaignStack();
/** The institutions of the surveyed county, by the part each plays. */
const ids = {} as Record<
  'complete' | 'permitMissing' | 'extended' | 'unlicensed' | 'offPlatform' | 'online',
  string
>;
let campaignId: string;
let campaignDeadline: string;

const campaignProgress = async () =>
  ok(
    await federation.query<{ campaign: { progress: Record<string, unknown>[] } }>(
      CAMPAIGN,
      { id: campaignId },
      tokens.province,
    ),
  ).campaign.progress;

describe('the licence-incomplete campaign in Chengdong county', () => {
  it('starts with an empty dashboard, and the province starts the campaign', async () => {
    await expectDashboard({
      code: '63',
      name: '青海省',
      institutionStats: { total: 0 },
      rectificationStats: { open: 0, overdue: 0, referred: 0 },
      listStats: { white: 0, grey: 0, black: 0 },
    });
    const now = Date.now();
    const started = ok(
      await federation.query<{ startCampaign: { id: string; defaultDeadline: string } }>(
        `mutation Start($input: StartCampaignInput!) { startCampaign(input: $input) { id defaultDeadline } }`,
        {
          input: {
            name: '证照不全专项治理',
            regionCode: QINGHAI.province,
            startsAt: new Date(now - 1000).toISOString(),
            endsAt: new Date(now + 3_600_000).toISOString(),
            defaultDeadline: new Date(now + DEADLINE_SECONDS * 1000).toISOString(),
          },
        },
        tokens.province,
      ),
    ).startCampaign;
    campaignId = started.id;
    campaignDeadline = started.defaultDeadline;
  });

  it('grid workers survey the county: every incomplete one gets an order under the campaign', async () => {
    ids.complete = await register('城东区博雅艺术培训中心', {});
    ids.permitMissing = await register('城东区启航学科培训学校', {});
    ids.extended = await register('城东区明德课外辅导中心', {});
    ids.unlicensed = await register('城东区金榜补习班', {});
    ids.offPlatform = await register('城东区育才培训学校', { onNationalPlatform: false });
    ids.online = await register('青海云课堂教育科技有限公司', { kind: 'ONLINE' });

    const allButPermit = ['BUSINESS_LICENCE', 'FIRE_SAFETY_CLEARANCE'];
    await recordLicences(ids.complete, [...allButPermit, 'SCHOOL_PERMIT']);
    await recordLicences(ids.permitMissing, allButPermit);
    await recordLicences(ids.extended, allButPermit);
    await recordLicences(ids.offPlatform, [...allButPermit, 'SCHOOL_PERMIT']);

    expect(await survey(ids.complete)).toBe('COMPLETE_CERTIFICATES');
    expect(await survey(ids.permitMissing)).toBe('INCOMPLETE_CERTIFICATES');
    expect(await survey(ids.extended)).toBe('INCOMPLETE_CERTIFICATES');
    expect(await survey(ids.unlicensed)).toBe('UNLICENSED');
    // Not being on the national platform leaves the certificates incomplete (证照不全).
    expect(await survey(ids.offPlatform)).toBe('INCOMPLETE_CERTIFICATES');

    for (const id of [ids.permitMissing, ids.extended, ids.unlicensed, ids.offPlatform]) {
      const institution = await untilOrder(id, 'OPEN');
      expect(institution.rectificationOrders).toEqual([
        expect.objectContaining({ status: 'OPEN', deadline: campaignDeadline }),
      ]);
    }
    expect((await view(ids.offPlatform)).rectificationOrders[0].problems).toEqual([
      { code: 'NOT_ON_NATIONAL_PLATFORM' },
    ]);
    expect((await view(ids.permitMissing)).rectificationOrders[0].problems).toEqual([
      { code: 'MISSING_SCHOOL_PERMIT' },
    ]);
    expect((await view(ids.complete)).rectificationOrders).toEqual([]);

    await expectDashboard({
      institutionStats: {
        total: 6,
        offline: 5,
        online: 1,
        notOnNationalPlatform: 1,
        byCertificateStatus: { complete: 1, incomplete: 3, none: 2 },
        byStatus: { active: 2, rectifying: 4, banned: 0 },
      },
      rectificationStats: { open: 4, rectified: 0, overdue: 0 },
      // The licensed school is white from its survey on (docs/design.md §9.1 row 9).
      listStats: { white: 1, grey: 4, black: 0 },
    });
    // The campaign's progress, by city: all four orders are in Xining.
    expect(await campaignProgress()).toContainEqual({
      regionCode: QINGHAI.xining,
      orders: 4,
      open: 4,
      rectified: 0,
      overdue: 0,
    });
  });

  it('the county extends one deadline; the permit-less school is approved on the accelerated track, rectified and WHITE', async () => {
    const extendedOrder = (await view(ids.extended)).rectificationOrders[0];
    const extended = ok(
      await federation.query<{ extendRectificationDeadline: { deadline: string } }>(
        EXTEND,
        { input: { orderId: extendedOrder.id, reason: '消防验收排期中，申请延期', deadlineWorkingDays: 20 } },
        tokens.countyOfficer,
      ),
    ).extendRectificationDeadline;
    expect(Date.parse(extended.deadline)).toBeGreaterThan(Date.parse(campaignDeadline));

    // Review learns of the survey from registry's event; the institution applies once it has.
    await until(
      async () =>
        (
          await db.query(`SELECT survey_finding FROM qualification_review.known_institution WHERE id = $1`, [
            ids.permitMissing,
          ])
        ).rows[0]?.survey_finding,
      (finding) => !!finding,
    );
    const applicant = await institutionUser(ids.permitMissing);
    const submitted = ok(
      await federation.query<{ submitQualificationApplication: { id: string; track: string } }>(
        SUBMIT,
        {
          input: {
            institutionId: ids.permitMissing,
            type: 'NEW_PERMIT',
            materials: materials(NEW_PERMIT_MATERIALS),
          },
        },
        applicant,
      ),
    ).submitQualificationApplication;
    expect(submitted.track).toBe('ACCELERATED');
    ok(await federation.query(START_REVIEW, { id: submitted.id }, tokens.reviewer));
    const decided = ok(
      await federation.query<{ decideQualification: { status: string; permit: { number: string } } }>(
        DECIDE,
        { input: { applicationId: submitted.id, decision: 'APPROVE', reasons: ['材料齐全，符合设置标准'] } },
        tokens.reviewer,
      ),
    ).decideQualification;
    expect(decided.status).toBe('APPROVED');

    // The permit completes its certificates in the registry, which rectifies the campaign order.
    const rectified = await untilOrder(ids.permitMissing, 'RECTIFIED');
    expect(rectified.certificateStatus).toBe('COMPLETE');
    const white = await until(
      () => view(ids.permitMissing),
      (institution) => institution.listing?.list === 'WHITE' && institution.status === 'ACTIVE',
    );
    expect(white).toMatchObject({ status: 'ACTIVE', listing: { list: 'WHITE' } });
  });

  it('the school off the national platform joins it and its order is rectified', async () => {
    ok(await federation.query(JOIN_PLATFORM, { id: ids.offPlatform }, tokens.gridWorker));
    await untilOrder(ids.offPlatform, 'RECTIFIED');
    // The registry hears of the confirmation and ends RECTIFYING.
    const active = await until(
      () => view(ids.offPlatform),
      (institution) => institution.status === 'ACTIVE',
    );
    expect(active).toMatchObject({ status: 'ACTIVE', certificateStatus: 'COMPLETE', missingLicences: [] });
  });

  it('the online institution files, is screened, rectifies and is filed', async () => {
    const filer = await institutionUser(ids.online);
    await until(
      async () =>
        (await db.query(`SELECT 1 FROM online_course_filing.known_institution WHERE id = $1`, [ids.online]))
          .rowCount,
      (count) => count === 1,
    );
    type Filing = { id: string; status: string };
    const first = ok(
      await federation.query<{ submitOnlineFiling: Filing }>(
        SUBMIT_FILING,
        {
          input: filingInput(ids.online, {
            personnel: [mathTeacher({ teacherCertificateNumber: null })],
            courses: [compliantCourse({ lessonMinutes: 45 })],
          }),
        },
        filer,
      ),
    ).submitOnlineFiling;
    const screened = ok(
      await federation.query<{ screenOnlineFiling: Filing }>(
        SCREEN_FILING,
        { id: first.id },
        tokens.screener,
      ),
    ).screenOnlineFiling;
    expect(screened.status).toBe('RECTIFICATION_REQUIRED');
    // The screening problems open an order under the running campaign.
    const ordered = await untilOrder(ids.online, 'OPEN');
    expect(ordered.rectificationOrders[0].deadline).toBe(campaignDeadline);

    const refiled = ok(
      await federation.query<{ submitOnlineFiling: Filing }>(
        SUBMIT_FILING,
        { input: filingInput(ids.online) },
        filer,
      ),
    ).submitOnlineFiling;
    const rescreened = ok(
      await federation.query<{ screenOnlineFiling: Filing }>(
        SCREEN_FILING,
        { id: refiled.id },
        tokens.screener,
      ),
    ).screenOnlineFiling;
    expect(rescreened.status).toBe('SCREENING');
    const filed = ok(
      await federation.query<{ approveOnlineFiling: Filing }>(
        APPROVE_FILING,
        { id: refiled.id },
        tokens.screener,
      ),
    ).approveOnlineFiling;
    expect(filed.status).toBe('FILED');
    await untilOrder(ids.online, 'RECTIFIED');
    const white = await until(
      () => view(ids.online),
      (institution) => institution.listing?.list === 'WHITE',
    );
    expect(white.listing?.list).toBe('WHITE');

    // All of this happened before the campaign's deadline.
    expect(Date.now()).toBeLessThan(Date.parse(campaignDeadline));
    await expectDashboard({
      institutionStats: {
        byCertificateStatus: { complete: 3, incomplete: 1, none: 2 },
        notOnNationalPlatform: 0,
      },
      reviewStats: { approved: 1 },
      filingStats: { institutionsFiled: 1, byStatus: { filed: 1 } },
      rectificationStats: { open: 2, rectified: 3, overdue: 0 },
      // White: the licensed school, the approved permit, the platform joined, the filing.
      listStats: { white: 4, grey: 2, black: 0 },
    });
  });

  it('the unlicensed one misses the deadline: reminded, black-listed, training stopped, escalated to a discipline referral', async () => {
    const waitMs = Date.parse(campaignDeadline) - Date.now() + 20_000;
    const referred = await until(
      () => view(ids.unlicensed),
      (institution) => institution.rectificationOrders[0]?.escalationLevel === 'REFERRED',
      waitMs,
    );
    expect(referred).toMatchObject({
      status: 'BANNED',
      listing: { list: 'BLACK', reasonCode: 'RECTIFICATION_DEADLINE_MISSED' },
    });
    const orderId = referred.rectificationOrders[0].id;

    const order = ok(
      await federation.query<{
        rectificationOrder: {
          notifications: { kind: string }[];
          escalations: { level: string; responsibleRegionCode: string }[];
        };
      }>(
        `query($id: ID!) { rectificationOrder(id: $id) {
          notifications { kind } escalations { level responsibleRegionCode }
        } }`,
        { id: orderId },
        tokens.province,
      ),
    ).rectificationOrder;
    const kinds = order.notifications.map((n) => n.kind);
    expect(kinds.filter((kind) => kind === 'REMINDER')).toHaveLength(4);
    expect(kinds).toContain('DEADLINE_MISSED');
    expect(kinds).toContain('DISCIPLINE_REFERRAL');
    expect(order.escalations).toEqual([
      { level: 'COUNTY', responsibleRegionCode: COUNTY },
      { level: 'CITY', responsibleRegionCode: QINGHAI.xining },
      { level: 'PROVINCE', responsibleRegionCode: QINGHAI.province },
    ]);
    const training = ok(
      await federation.query<{ institution: { trainingStopOrderedAt: string | null } }>(
        `query($id: ID!) { institution(id: $id) { trainingStopOrderedAt } }`,
        { id: ids.unlicensed },
        tokens.province,
      ),
    ).institution;
    expect(training.trainingStopOrderedAt).not.toBeNull();

    // Discipline inspection sees the county department referred.
    const referrals = ok(
      await federation.query<{
        disciplineReferrals: {
          totalCount: number;
          edges: { node: { responsibleRegionCode: string; institution: { id: string } } }[];
        };
      }>(REFERRALS, { regionCode: QINGHAI.province }, tokens.discipline),
    ).disciplineReferrals;
    expect(referrals.totalCount).toBe(1);
    expect(referrals.edges[0].node).toMatchObject({
      responsibleRegionCode: COUNTY,
      institution: { id: ids.unlicensed },
    });

    // The extended order is still open, not escalated.
    expect((await view(ids.extended)).rectificationOrders[0]).toMatchObject({
      status: 'OPEN',
      escalationLevel: null,
    });
    await expectDashboard({
      institutionStats: { byStatus: { active: 4, rectifying: 1, banned: 1 } },
      rectificationStats: {
        open: 1,
        rectified: 3,
        overdue: 1,
        referred: 1,
      },
      listStats: { white: 4, grey: 1, black: 1 },
    });
  }, 90_000);

  it('a typical case is published, and the public finds the black-listed institution without a token', async () => {
    ok(
      await federation.query(
        `mutation Publish($input: PublishTypicalCaseInput!) { publishTypicalCase(input: $input) { id } }`,
        {
          input: {
            institutionId: ids.unlicensed,
            title: '城东区金榜补习班无证办学逾期未整改被列入黑名单',
            summary: '专项治理中发现该机构无证办学，责令限期整改，逾期未整改，依法列入黑名单并责令停止培训。',
          },
        },
        tokens.countyOfficer,
      ),
    );
    const cases = await until(
      () =>
        federation.query<{ typicalCases: { totalCount: number; edges: { node: { title: string } }[] } }>(
          TYPICAL_CASES,
          {},
        ),
      (result) => (result.data?.typicalCases.totalCount ?? 0) > 0,
    );
    expect(cases.data!.typicalCases.edges.map((edge) => edge.node.title)).toEqual([
      '城东区金榜补习班无证办学逾期未整改被列入黑名单',
    ]);

    // Anonymous: by a name fragment and by pinyin initials.
    for (const query of ['金榜', 'jbbxb']) {
      const found = ok(
        await federation.query<{ publicLookup: { name: string; list: string; reasonCode: string }[] }>(
          PUBLIC_LOOKUP,
          { query },
        ),
      ).publicLookup;
      expect(found).toContainEqual(
        expect.objectContaining({
          name: '城东区金榜补习班',
          list: 'BLACK',
          reasonCode: 'RECTIFICATION_DEADLINE_MISSED',
        }),
      );
    }
    // The public reads nothing else.
    const denied = await federation.query(DASHBOARD, { code: '63' });
    expect(denied.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
