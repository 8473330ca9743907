/**
 * Loads the Qinghai demo data set into a running federation, as the real roles would: the province
 * starts the campaign (through the gateway), the grid survey (institutions, licences, surveys) is
 * imported into the registry in bulk, and through the gateway institutions apply and file,
 * reviewers and screeners decide, the enforcement officer orders, confirms and punishes. A data
 * set already loaded (found by its first credit code) is not loaded again.
 */
import type { SigningKey } from '@jianguan/platform';
import { gatewayClient } from './gateway-client';
import { DEMO_PEOPLE, PROVINCE, demoTokens } from './demo-tokens';
import { fetchCounties } from './region-tree';
import {
  generateQinghaiDataset,
  type DemoCounty,
  type DemoDataset,
  type DemoInstitution,
} from '@jianguan/tools';
import { demoScenario, surveyedInstitutions, type DemoScenario } from './scenario';
import { importRegistry } from './import-registry';
import {
  confirmRectified,
  issueWatchedOrders,
  loadApplications,
  loadFilings,
  loadPenalties,
} from './load-departments';
import * as ops from './operations';

export interface DemoInstitutionRef {
  id: string;
  name: string;
  creditCode: string;
  regionCode: string;
}

/** What the printed queries need, and what the load did. */
export interface DemoSummary {
  loadedAt: string;
  size: number;
  seed: number;
  campaignId: string | null;
  /** The county of the grid worker whose token is printed. */
  county: { code: string; name: string };
  /** The institution whose user token is printed: the first watched order is its. */
  institution: DemoInstitutionRef;
  /** On the black list (sector ban) and the subject of the typical case. */
  banned: DemoInstitutionRef | null;
  watchedOrders: { orderId: string; institution: string; deadline: string }[];
  counts: { institutions: number; licences: number; surveys: number; rectified: number };
}

export interface LoadDemoOptions {
  gatewayUrl: string;
  /** The registry's database: the grid survey is loaded with the registry's bulk import. */
  databaseUrl: string;
  keys: SigningKey;
  size: number;
  seed: number;
  /** The summary of an earlier load, kept by the launcher; used when the data set is already there. */
  previous?: DemoSummary;
  /** The counties, when the caller has them already (they are read from the registry otherwise). */
  counties?: DemoCounty[];
  /** Aborting stops the load before its next request (Ctrl-C of the launcher). */
  signal?: AbortSignal;
  say?: (message: string) => void;
}

export interface LoadDemoResult {
  alreadyLoaded: boolean;
  summary: DemoSummary;
  dataset: DemoDataset;
  scenario: DemoScenario;
  /** Milliseconds per phase. */
  timings: Record<string, number>;
}

const CAMPAIGN_NAME = '青海省校外培训机构证照不全专项治理行动';
const DAY = 86_400_000;

// eslint-disable-next-line max-lines-per-function -- the demo story in the order each role acts, timed phase by phase; each phase is a named function in load-departments.ts
export async function loadDemo(options: LoadDemoOptions): Promise<LoadDemoResult> {
  const say = options.say ?? (() => {});
  const client = gatewayClient(options.gatewayUrl, options.signal);
  const sign = demoTokens(options.keys);
  const admin = await sign(DEMO_PEOPLE.admin);
  const timings: Record<string, number> = {};
  let started = Date.now();
  const lap = (phase: string) => {
    const now = Date.now();
    timings[phase] = now - started;
    say(`${phase}: ${((now - started) / 1000).toFixed(1)} s`);
    started = now;
  };

  const counties = options.counties ?? (await fetchCounties(client, admin, PROVINCE));
  const dataset = generateQinghaiDataset({ counties, size: options.size, seed: options.seed });
  const scenario = demoScenario(dataset);
  const watchedFirst = scenario.watched[0]?.institution ?? dataset.institutions[0];
  const county = counties.find((c) => c.code === watchedFirst.countyCode) ?? counties[0];
  lap(`read ${counties.length} counties from the region tree`);

  const existing = await client.request<{ institutionByCreditCode: { id: string } | null }>(
    ops.INSTITUTION_BY_CREDIT_CODE,
    { creditCode: dataset.institutions[0].creditCode },
    admin,
  );
  if (existing.institutionByCreditCode) {
    say('the demo data set is already loaded; not loading it again');
    const find = async (institution: DemoInstitution | undefined) => {
      if (!institution) return null;
      const { institutionByCreditCode: found } = await client.request<{
        institutionByCreditCode: { id: string } | null;
      }>(ops.INSTITUTION_BY_CREDIT_CODE, { creditCode: institution.creditCode }, admin);
      return found ? refOf(institution, found.id) : null;
    };
    const institution = (await find(watchedFirst)) as DemoInstitutionRef;
    const summary: DemoSummary = options.previous ?? {
      loadedAt: 'earlier',
      size: options.size,
      seed: options.seed,
      campaignId: null,
      county: { code: county.code, name: county.name },
      institution,
      banned: await find(scenario.banned),
      watchedOrders: [],
      counts: { institutions: dataset.institutions.length, licences: 0, surveys: 0, rectified: 0 },
    };
    return { alreadyLoaded: true, summary, dataset, scenario, timings };
  }

  const now = new Date();
  const officer = await sign(DEMO_PEOPLE.enforcementOfficer);
  const { startCampaign: campaign } = await client.request<{ startCampaign: { id: string } }>(
    ops.START_CAMPAIGN,
    {
      input: {
        name: CAMPAIGN_NAME,
        regionCode: PROVINCE,
        startsAt: new Date(now.getTime() - DAY).toISOString(),
        endsAt: new Date(now.getTime() + 40 * DAY).toISOString(),
        defaultDeadline: new Date(now.getTime() + 20 * DAY).toISOString(),
      },
    },
    officer,
  );
  lap('started the province campaign');

  const surveyed = surveyedInstitutions(dataset, scenario);
  const { ids, result: imported } = await importRegistry(
    options.databaseUrl,
    dataset.institutions,
    new Set(surveyed.map((i) => i.index)),
    now,
  );
  const licences = imported.licences;
  lap(
    `imported ${ids.size} institutions, ${licences} licences and ${imported.surveys} surveys into the registry`,
  );

  const ctx = { client, sign, ids };
  const [watched] = await Promise.all([
    issueWatchedOrders(ctx, scenario, campaign.id, new Date()),
    loadApplications(ctx, scenario),
    loadFilings(ctx, scenario),
    loadPenalties(ctx, scenario),
  ]);
  lap(
    `issued ${watched.length} watched orders; ${scenario.applications.length} applications, ` +
      `${scenario.filings.length} filings, penalties and a typical case`,
  );
  const rectified = await confirmRectified(ctx, scenario);
  lap(`confirmed ${rectified} rectified orders`);

  const refById = (institution: DemoInstitution) =>
    refOf(institution, ids.get(institution.creditCode) as string);
  const summary: DemoSummary = {
    loadedAt: now.toISOString(),
    size: options.size,
    seed: options.seed,
    campaignId: campaign.id,
    county: { code: county.code, name: county.name },
    institution: refById(watchedFirst),
    banned: scenario.banned ? refById(scenario.banned) : null,
    watchedOrders: watched.map((w) => ({
      orderId: w.orderId,
      institution: w.institution.name,
      deadline: w.deadline,
    })),
    counts: { institutions: ids.size, licences, surveys: surveyed.length, rectified },
  };
  return { alreadyLoaded: false, summary, dataset, scenario, timings };
}

const refOf = (institution: DemoInstitution, id: string): DemoInstitutionRef => ({
  id,
  name: institution.name,
  creditCode: institution.creditCode,
  regionCode: institution.regionCode,
});
