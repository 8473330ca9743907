/**
 * The ready-made queries the demo prints: one per role, each with its token, its GraphQL text and a
 * curl that can be pasted into a shell as it is. The demo test runs every one of them.
 */
import type { Claims, SigningKey } from '@jianguan/platform';
import { DEMO_PEOPLE, PROVINCE, demoTokens, gridWorker, institutionUser } from './demo-tokens';
import type { DemoSummary } from './load-demo';

export interface DemoRoleQuery {
  role: string;
  /** What the reader will see, in one line. */
  title: string;
  /** Null for the public (no token). */
  claims: Claims | null;
  token: string | null;
  query: string;
  variables: Record<string, unknown>;
}

const GRID_WORKER = `query GridWorkerCounty($code: String!) {
  region(code: $code) {
    name
    institutionStats { total notOnNationalPlatform byCertificateStatus { complete incomplete none } }
  }
  institutions(filter: { regionCode: $code, certificateStatus: INCOMPLETE }, first: 5) {
    totalCount
    edges { node { name creditCode address missingLicences status surveys { classification surveyorName } } }
  }
}`;

const REVIEWER = `query ReviewQueue {
  reviewQueue(first: 10) {
    totalCount
    edges { node { id status track submittedAt dueAt dueProvisional overdue checklist { type provided } institution { name } } }
  }
}`;

const ENFORCEMENT = `query WatchedOrder($orderId: ID!) {
  rectificationOrder(id: $orderId) {
    institution { name }
    deadline status escalationLevel respondBy remindersSent
    notifications { kind step recipient sentAt }
    escalations { level responsibleRegionCode respondBy outcome }
  }
  overdue: rectificationOrders(filter: { status: OVERDUE }, first: 10) {
    totalCount
    edges { node { id deadline escalationLevel institution { name } } }
  }
  escalated: rectificationOrders(filter: { status: ESCALATED }, first: 10) {
    totalCount
    edges { node { id deadline escalationLevel respondBy institution { name } } }
  }
}`;

const CAMPAIGN = `query CampaignProgress($campaignId: ID!) {
  campaign(id: $campaignId) {
    name startsAt endsAt defaultDeadline
    progress { regionCode orders open rectified overdue closed }
  }
}`;

const DASHBOARD = `query ProvinceDashboard {
  region(code: "${PROVINCE}") {
    name
    institutionStats {
      total offline online notOnNationalPlatform
      byCertificateStatus { complete incomplete none }
      byStatus { active rectifying suspended banned closed }
    }
    reviewStats { submitted inReview approved rejected overdue }
    filingStats { institutionsFiled personnel courses filingsWithProblems byStatus { draft submitted screening rectificationRequired filed rejected } }
    rectificationStats { open rectified overdue referred closed escalatedByLevel { county city province } }
    listStats { white grey black lastChangedAt }
  }
  disciplineReferrals(first: 10) {
    totalCount
    edges { node { responsibleRegionCode responsibleUnit officers reason referredAt institution { name } } }
  }
}`;

const INSTITUTION = `query MyInstitution($id: ID!) {
  institution(id: $id) {
    name creditCode certificateStatus missingLicences status
    rectificationOrders {
      source deadline status remindersSent escalationLevel
      problems { description }
      notifications { kind step recipient sentAt }
    }
  }
}`;

const PUBLIC = `query PublicLists($lookup: String!) {
  black: publicList(list: BLACK, first: 5) { totalCount edges { node { name regionName reason since } } }
  grey: publicList(list: GREY, first: 3) { totalCount edges { node { name regionName reason } } }
  white: publicList(list: WHITE, first: 3) { totalCount edges { node { name regionName reason } } }
  publicLookup(query: $lookup) { name creditCode list reason }
  typicalCases(first: 3) { edges { node { title summary regionName } } }
}`;

export async function demoRoleQueries(keys: SigningKey, summary: DemoSummary): Promise<DemoRoleQuery[]> {
  const sign = demoTokens(keys);
  const withToken = async (claims: Claims | null) => ({ claims, token: claims ? await sign(claims) : null });
  const watchedOrder = summary.watchedOrders[0]?.orderId;
  const queries: DemoRoleQuery[] = [
    {
      role: `grid worker of ${summary.county.name} (registry:write, registry:survey; region ${summary.county.code})`,
      title: 'the county: counts, and the institutions with incomplete certificates and their surveys',
      ...(await withToken(gridWorker(summary.county))),
      query: GRID_WORKER,
      variables: { code: summary.county.code },
    },
    {
      role: 'reviewer (review:decide, review:read; province 63)',
      title: 'the review queue: applications by time limit',
      ...(await withToken(DEMO_PEOPLE.reviewer)),
      query: REVIEWER,
      variables: {},
    },
  ];
  if (watchedOrder) {
    queries.push({
      role: 'enforcement officer (enforcement:write, enforcement:read; province 63)',
      title: 'the first watched order (reminders, escalation ladder), and every overdue or escalated order',
      ...(await withToken(DEMO_PEOPLE.enforcementOfficer)),
      query: ENFORCEMENT,
      variables: { orderId: watchedOrder },
    });
  }
  if (summary.campaignId) {
    queries.push({
      role: 'enforcement officer (enforcement:write, enforcement:read; province 63)',
      title: 'the campaign and its progress by city',
      ...(await withToken(DEMO_PEOPLE.enforcementOfficer)),
      query: CAMPAIGN,
      variables: { campaignId: summary.campaignId },
    });
  }
  queries.push(
    {
      role: 'discipline inspector (discipline:read; province 63)',
      title: 'the province dashboard from all five departments, and the discipline referrals',
      ...(await withToken(DEMO_PEOPLE.disciplineInspector)),
      query: DASHBOARD,
      variables: {},
    },
    {
      role: `institution user of ${summary.institution.name} (institutionId claim)`,
      title: 'its own certificates and rectification orders, with the reminders it received',
      ...(await withToken(institutionUser(summary.institution))),
      query: INSTITUTION,
      variables: { id: summary.institution.id },
    },
    {
      role: 'the public (no token)',
      title: 'the black, grey and white lists, a lookup, and the typical cases',
      claims: null,
      token: null,
      query: PUBLIC,
      variables: { lookup: summary.banned?.creditCode ?? '培训' },
    },
  );
  return queries;
}

const shellQuote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

export function curlFor(gatewayUrl: string, query: DemoRoleQuery): string {
  const body = JSON.stringify({ query: query.query.replace(/\s+/g, ' '), variables: query.variables });
  return [
    `curl -s ${gatewayUrl} -H 'content-type: application/json'`,
    ...(query.token ? [`  -H 'authorization: Bearer ${query.token}'`] : []),
    `  --data ${shellQuote(body)}`,
  ].join(' \\\n');
}

/** The text printed after the load. */
export function formatRoleQueries(gatewayUrl: string, queries: DemoRoleQuery[]): string {
  const blocks = queries.map((query, n) =>
    [
      `── ${n + 1}. ${query.role}`,
      `   ${query.title}`,
      '',
      ...(query.token ? ['Token:', query.token, ''] : []),
      'GraphQL:',
      query.query,
      ...(Object.keys(query.variables).length > 0 ? [`Variables: ${JSON.stringify(query.variables)}`] : []),
      '',
      'curl:',
      curlFor(gatewayUrl, query),
      '',
    ].join('\n'),
  );
  return blocks.join('\n');
}
