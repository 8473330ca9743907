import { QINGHAI } from '@jianguan/testing';
import { until } from './polling';
import { ok } from './federation';
import {
  recordLicences as recordLicencesOf,
  recordOperatingSurvey,
  registerInstitution,
} from './registry-operations';
import { useFederationStack, useOfficials } from './stack';

export const COUNTY = QINGHAI.chengdong;
export const COMMUNITY = QINGHAI.beiguanCommunity;

export const DASHBOARD = `query Dashboard($code: String!) {
  region(code: $code) {
    code name
    institutionStats {
      total offline online notOnNationalPlatform
      byCertificateStatus { complete incomplete none }
      byStatus { active rectifying banned }
    }
    reviewStats { submitted inReview approved rejected }
    filingStats { institutionsFiled byStatus { submitted rectificationRequired filed } }
    rectificationStats { open rectified overdue referred escalatedByLevel { county city province } }
    listStats { white grey black }
  }
}`;

export const INSTITUTION_VIEW = `query View($id: ID!) {
  institution(id: $id) {
    id name status certificateStatus missingLicences
    rectificationOrders { id status deadline escalationLevel problems { code } }
    listing { list reasonCode }
  }
}`;

export interface InstitutionView {
  id: string;
  name: string;
  status: string;
  certificateStatus: string;
  missingLicences: string[];
  rectificationOrders: {
    id: string;
    status: string;
    deadline: string;
    escalationLevel: string | null;
    problems: { code: string }[];
  }[];
  listing: { list: string; reasonCode: string } | null;
}

/**
 * The stack of the campaign story (campaign.test.ts): every subgraph and worker behind the gateway,
 * reminders 10 s and 5 s before a deadline and 2 s for each escalation case; the officials of the
 * province, the county and discipline inspection; and what each stage reads and does through the
 * gateway: an institution's view, the province dashboard, registering, licences and surveys.
 */
export function useCampaignStack() {
  const { federation, db } = useFederationStack({
    workers: true,
    env: {
      ENFORCEMENT_REMINDER_OFFSETS_SECONDS: '10,5',
      ENFORCEMENT_ESCALATION_GRACE: '2s',
      OUTBOX_POLL_MS: '200',
    },
  });
  const tokens = useOfficials({
    province: [
      'qh-jyt',
      '省教育厅校外培训监管处',
      ['registry:read', 'review:read', 'filing:read', 'enforcement:read', 'enforcement:write'],
      QINGHAI.province,
    ],
    gridWorker: ['grid-ma', '马网格员', ['registry:write', 'registry:read'], COUNTY],
    reviewer: ['reviewer-li', '李审核', ['review:decide', 'review:read'], COUNTY],
    screener: ['screener-han', '韩筛查', ['filing:screen', 'filing:read'], COUNTY],
    countyOfficer: ['officer-wang', '王执法', ['enforcement:write', 'enforcement:read'], COUNTY],
    discipline: ['inspector-zhou', '周纪检', ['discipline:read'], QINGHAI.province],
  });

  const view = async (id: string) =>
    ok(await federation.query<{ institution: InstitutionView }>(INSTITUTION_VIEW, { id }, tokens.province))
      .institution;

  const dashboard = async () =>
    ok(
      await federation.query<{ region: Record<string, unknown> }>(DASHBOARD, { code: '63' }, tokens.province),
    ).region;

  /** Waits until the province dashboard shows what the stage should have produced. */
  async function expectDashboard(expected: Record<string, unknown>, timeoutMs = 15_000) {
    const seen = await until(dashboard, (region) => matches(region, expected), timeoutMs);
    expect(seen).toMatchObject(expected);
  }

  const matches = (value: unknown, expected: unknown): boolean => {
    if (expected === null || typeof expected !== 'object') return value === expected;
    if (value === null || typeof value !== 'object') return false;
    return Object.entries(expected).every(([key, inner]) =>
      matches((value as Record<string, unknown>)[key], inner),
    );
  };

  async function register(
    name: string,
    options: { kind?: 'OFFLINE' | 'ONLINE'; onNationalPlatform?: boolean },
  ) {
    const institution = { name, regionCode: COMMUNITY, address: '西宁市城东区东关大街 18 号', ...options };
    return (await registerInstitution(federation, tokens.gridWorker, institution)).id;
  }

  const recordLicences = (institutionId: string, types: string[]) =>
    recordLicencesOf(federation, tokens.gridWorker, institutionId, types);

  const survey = (institutionId: string) =>
    recordOperatingSurvey(federation, tokens.gridWorker, institutionId, COMMUNITY);

  /** Waits until the institution's campaign order shows the status wanted. */
  async function untilOrder(id: string, status: string, timeoutMs = 15_000) {
    const seen = await until(
      () => view(id),
      (institution) => institution.rectificationOrders.some((order) => order.status === status),
      timeoutMs,
    );
    expect(seen.rectificationOrders.map((order) => order.status)).toContain(status);
    return seen;
  }

  return { federation, db, tokens, view, expectDashboard, register, recordLicences, survey, untilOrder };
}
