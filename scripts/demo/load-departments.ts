/**
 * The other departments' part of the demo load, as their officials and the institutions themselves
 * would do it: qualification applications, online filings, the watched orders, rectifications, a
 * penalty and a typical case. Each step waits (NOT_FOUND is retried) until the department has learnt
 * of the institution from the registry's events.
 */
import { mapConcurrently, type GatewayClient } from './gateway-client';
import { DEMO_PEOPLE, gridWorker, institutionUser } from './demo-tokens';
import { filingOf, materialsOf, NEW_PERMIT_MATERIALS } from './department-inputs';
import * as ops from './operations';
import type { DemoInstitution } from '@jianguan/tools';
import type { DemoScenario } from './scenario';
import type { Claims } from '@jianguan/platform';

type Sign = (claims: Claims) => Promise<string>;

interface Context {
  client: GatewayClient;
  sign: Sign;
  ids: Map<string, string>;
}

const idOf = (ctx: Context, institution: DemoInstitution) => {
  const id = ctx.ids.get(institution.creditCode);
  if (!id) throw new Error(`${institution.name} was not registered`);
  return id;
};

const asUser = (ctx: Context, institution: DemoInstitution) =>
  ctx.sign(
    institutionUser({
      id: idOf(ctx, institution),
      regionCode: institution.regionCode,
      name: institution.name,
    }),
  );

export async function loadApplications(ctx: Context, scenario: DemoScenario): Promise<void> {
  const reviewer = await ctx.sign(DEMO_PEOPLE.reviewer);
  await mapConcurrently(scenario.applications, 4, async ({ institution, state }) => {
    const { submitQualificationApplication: app } = await ctx.client.requestWhenKnown<{
      submitQualificationApplication: { id: string };
    }>(
      ops.SUBMIT_APPLICATION,
      {
        input: {
          institutionId: idOf(ctx, institution),
          type: 'NEW_PERMIT',
          materials: materialsOf(institution, NEW_PERMIT_MATERIALS),
        },
      },
      await asUser(ctx, institution),
    );
    if (state === 'SUBMITTED') return;
    await ctx.client.request(ops.START_REVIEW, { id: app.id }, reviewer);
    if (state === 'MATERIALS_REQUESTED') {
      await ctx.client.request(
        ops.REQUEST_MATERIALS,
        {
          input: {
            applicationId: app.id,
            items: ['FIRE_SAFETY_CLEARANCE'],
            note: '消防安全检查合格证明已过期，请补交',
          },
        },
        reviewer,
      );
    }
    if (state === 'APPROVED' || state === 'REJECTED') {
      await ctx.client.request(
        ops.DECIDE,
        {
          input:
            state === 'APPROVED'
              ? { applicationId: app.id, decision: 'APPROVE' }
              : { applicationId: app.id, decision: 'REJECT', reasons: ['培训场所面积不足，不符合设置标准'] },
        },
        reviewer,
      );
    }
  });
}

export async function loadFilings(ctx: Context, scenario: DemoScenario): Promise<void> {
  const screener = await ctx.sign(DEMO_PEOPLE.screener);
  await mapConcurrently(scenario.filings, 4, async ({ institution, state }) => {
    const input = {
      ...filingOf(institution, idOf(ctx, institution), { overlong: state === 'RECTIFICATION_REQUIRED' }),
      draft: state === 'DRAFT',
    };
    const { submitOnlineFiling: filing } = await ctx.client.requestWhenKnown<{
      submitOnlineFiling: { id: string };
    }>(ops.SUBMIT_FILING, { input }, await asUser(ctx, institution));
    if (state === 'DRAFT' || state === 'SUBMITTED') return;
    await ctx.client.request(ops.SCREEN_FILING, { id: filing.id }, screener);
    if (state === 'FILED') await ctx.client.request(ops.APPROVE_FILING, { id: filing.id }, screener);
    if (state === 'REJECTED') {
      await ctx.client.request(
        ops.REJECT_FILING,
        { input: { filingId: filing.id, reasons: ['投诉举报渠道无法访问'] } },
        screener,
      );
    }
  });
}

const problemsOf = (institution: DemoInstitution) =>
  institution.expectedMissing.length > 0
    ? institution.expectedMissing.map((missing) => ({
        code: missing === 'NATIONAL_PLATFORM' ? 'NOT_ON_NATIONAL_PLATFORM' : `MISSING_${missing}`,
        description:
          missing === 'NATIONAL_PLATFORM' ? '未纳入全国校外培训监管与服务综合平台' : `缺少证照：${missing}`,
      }))
    : [{ code: 'UNLICENSED', description: '无证无照办学' }];

/** Orders from inspection with deadlines minutes apart; returns each order's id and deadline. */
export async function issueWatchedOrders(
  ctx: Context,
  scenario: DemoScenario,
  campaignId: string,
  now: Date,
): Promise<{ orderId: string; institution: DemoInstitution; deadline: string }[]> {
  const officer = await ctx.sign(DEMO_PEOPLE.enforcementOfficer);
  return mapConcurrently(scenario.watched, 4, async ({ institution, deadlineMinutes }) => {
    const deadline = new Date(now.getTime() + deadlineMinutes * 60_000).toISOString();
    const { issueRectificationOrder: order } = await ctx.client.requestWhenKnown<{
      issueRectificationOrder: { id: string; deadline: string };
    }>(
      ops.ISSUE_ORDER,
      {
        input: {
          institutionId: idOf(ctx, institution),
          source: 'INSPECTION',
          problems: problemsOf(institution),
          campaignId,
          deadline,
        },
      },
      officer,
    );
    return { orderId: order.id, institution, deadline: order.deadline };
  });
}

/**
 * Institutions that have rectified, the way it happens: once their campaign order is open, the grid
 * worker records the licences they obtained and their joining of the national platform, and the
 * registry's events confirm the order (an official cannot confirm certificates the registry still
 * reports missing). Returns how many orders were so confirmed.
 */
export async function confirmRectified(ctx: Context, scenario: DemoScenario): Promise<number> {
  const officer = await ctx.sign(DEMO_PEOPLE.enforcementOfficer);
  const ordersOf = (institution: DemoInstitution, status: string) =>
    ctx.client.request<{ rectificationOrders: { edges: { node: { id: string } }[] } }>(
      ops.ORDERS_OF_INSTITUTION,
      { filter: { institutionId: idOf(ctx, institution), status } },
      officer,
    );
  const confirmed = await mapConcurrently(scenario.rectified, 4, async (institution) => {
    const open = await ctx.client.until(
      () => ordersOf(institution, 'OPEN'),
      (r) => r.rectificationOrders.edges.length > 0,
    );
    if (open.rectificationOrders.edges.length === 0) return 0;
    const grid = await ctx.sign(gridWorker({ code: institution.countyCode, name: '' }));
    for (const missing of institution.expectedMissing) {
      if (missing === 'NATIONAL_PLATFORM') {
        await ctx.client.request(ops.JOIN_PLATFORM, { id: idOf(ctx, institution) }, grid);
        continue;
      }
      const input = {
        institutionId: idOf(ctx, institution),
        // A legal person registers as a company (营业执照); every other requirement is its own licence.
        type: missing === 'LEGAL_PERSON_REGISTRATION' ? 'BUSINESS_LICENCE' : missing,
        number: `${missing}-${institution.creditCode.slice(2, 8)}-${institution.index}`,
        issuedBy: '县级主管部门',
        issuedOn: '2026-11-20',
      };
      await ctx.client.request(ops.RECORD_LICENCE, { input }, grid);
    }
    const done = await ctx.client.until(
      () => ordersOf(institution, 'RECTIFIED'),
      (r) => r.rectificationOrders.edges.length > 0,
    );
    return done.rectificationOrders.edges.length > 0 ? 1 : 0;
  });
  return confirmed.reduce<number>((sum, n) => sum + n, 0);
}

/** A sector ban (black list) and its typical case, and a fine. */
export async function loadPenalties(ctx: Context, scenario: DemoScenario): Promise<void> {
  const officer = await ctx.sign(DEMO_PEOPLE.enforcementOfficer);
  if (scenario.banned) {
    const banned = scenario.banned;
    await ctx.client.requestWhenKnown(
      ops.IMPOSE_PENALTY,
      {
        input: {
          institutionId: idOf(ctx, banned),
          type: 'SECTOR_BAN',
          description: '无证无照擅自举办校外培训，拒不停止办学',
          legalBasis: '《中华人民共和国民办教育促进法》第六十四条',
        },
      },
      officer,
    );
    await ctx.client.request(
      ops.PUBLISH_CASE,
      {
        input: {
          institutionId: idOf(ctx, banned),
          title: `${banned.name}无证办学被依法取缔`,
          summary:
            '网格员摸底排查发现该机构无证无照开展培训，经责令停止办学后仍继续招生。' +
            '教育部门会同市场监管部门依法取缔，并禁止其举办者从事校外培训活动。',
        },
      },
      officer,
    );
  }
  if (scenario.fined) {
    await ctx.client.requestWhenKnown(
      ops.IMPOSE_PENALTY,
      {
        input: {
          institutionId: idOf(ctx, scenario.fined),
          type: 'FINE',
          amountFen: 2_000_000,
          description: '超出办学许可范围开展培训',
          legalBasis: '《校外培训行政处罚暂行办法》第十八条',
        },
      },
      officer,
    );
  }
}
