import { QINGHAI } from '@jianguan/testing';
import { until } from './polling';
import { ok } from './federation';
import { recordLicences, registerInstitution } from './registry-operations';
import { ISSUE } from './enforcement-operations';
import { useFederationStack, useOfficials } from './stack';

const COUNTY = QINGHAI.chengdong;
const ENFORCER = ['enforcement:write', 'enforcement:read', 'registry:read'];

export const LOOKUP = `query Lookup($query: String!) { publicLookup(query: $query) { name creditCode list listLabel reason reasonCode } }`;
export const REGISTRY_VIEW = `query View($id: ID!) {
  institution(id: $id) {
    status trainingStopOrderedAt
    rectificationOrders { id status rectifiedLate escalations { level outcome } history { action } }
    penalties { type label endsAt endedAt }
    blacklistEntries { reason listedByRegionCode removedByName removalReason }
    listing { list reasonCode history { to reasonCode } }
  }
}`;
export const IMPOSE = `mutation Impose($input: ImposePenaltyInput!) { imposePenalty(input: $input) { id type endsAt } }`;
export const REMOVE = `mutation Remove($input: RemoveFromBlacklistInput!) { removeFromBlacklist(input: $input) { removed institution { id } } }`;

export interface Entry {
  name: string;
  creditCode: string;
  list: string | null;
  listLabel: string;
  reason: string;
  reasonCode: string;
}
export interface View {
  status: string;
  trainingStopOrderedAt: string | null;
  rectificationOrders: {
    id: string;
    status: string;
    rectifiedLate: boolean;
    escalations: { level: string; outcome: string | null }[];
    history: { action: string }[];
  }[];
  penalties: { type: string; label: string; endsAt: string | null; endedAt: string | null }[];
  blacklistEntries: {
    reason: string;
    listedByRegionCode: string;
    removedByName: string | null;
    removalReason: string | null;
  }[];
  listing: {
    list: string | null;
    reasonCode: string;
    history: { to: string | null; reasonCode: string }[];
  } | null;
}

/**
 * The stack of measures-and-lists.test.ts: every subgraph and worker behind the gateway, reminders a
 * second before a deadline and five seconds for each escalation case; the officials (a grid worker,
 * the county's, the city's, another county's and the province's enforcers); and registering,
 * viewing and ordering through the gateway as they would.
 */
export function useMeasuresStack() {
  const { federation, db } = useFederationStack({
    workers: true,
    env: {
      ENFORCEMENT_REMINDER_OFFSETS_SECONDS: '1',
      ENFORCEMENT_ESCALATION_GRACE: '5s',
      OUTBOX_POLL_MS: '200',
    },
  });
  const tokens = useOfficials({
    grid: ['grid-ma', '马网格员', ['registry:write', 'registry:read'], COUNTY],
    county: ['officer-wang', '王执法', ENFORCER, COUNTY],
    city: ['city-zhao', '赵市局', ENFORCER, QINGHAI.xining],
    otherCounty: ['officer-liu', '刘执法', ENFORCER, QINGHAI.chengzhong],
    province: ['qh', '省厅', [...ENFORCER, 'admin'], QINGHAI.province],
  });

  const lookup = async (query: string) =>
    ok(await federation.query<{ publicLookup: Entry[] }>(LOOKUP, { query })).publicLookup;
  const view = async (id: string) =>
    ok(await federation.query<{ institution: View }>(REGISTRY_VIEW, { id }, tokens.province)).institution;
  /** Polls the public entry of a credit code until it satisfies the check. */
  const untilEntry = async (creditCode: string, check: (e: Entry | undefined) => boolean) => {
    const [entry] = await until(
      () => lookup(creditCode),
      (entries) => check(entries[0]),
      20_000,
    );
    return entry;
  };
  const untilView = (id: string, check: (v: View) => boolean) => until(() => view(id), check, 20_000);

  async function register(
    name: string,
    options: { kind?: 'OFFLINE' | 'ONLINE'; licences?: string[]; onPlatform?: boolean } = {},
  ) {
    const { id, creditCode } = await registerInstitution(federation, tokens.grid, {
      name,
      kind: options.kind,
      regionCode: QINGHAI.beiguanCommunity,
      address: '西宁市城东区东关大街 18 号',
      onNationalPlatform: options.onPlatform ?? true,
    });
    for (const type of options.licences ?? []) await recordLicence(id, type);
    await until(
      async () =>
        (await db.query(`SELECT 1 FROM enforcement.known_institution WHERE id = $1`, [id])).rowCount,
      (n) => n === 1,
    );
    return { id, creditCode };
  }

  const recordLicence = (institutionId: string, type: string) =>
    recordLicences(federation, tokens.grid, institutionId, [type]);

  const issue = (
    institutionId: string,
    deadline: string,
    token = tokens.county,
    code = 'FIRE_EXIT_BLOCKED',
  ) =>
    federation.query<{ issueRectificationOrder: { id: string; deadline: string } }>(
      ISSUE,
      {
        input: {
          institutionId,
          source: 'INSPECTION',
          problems: [{ code, description: '消防通道堵塞', field: null }],
          deadline,
        },
      },
      token,
    );
  /** The Beijing calendar day `days` from today, as YYYY-MM-DD (computed, not read from the library under test). */

  return { federation, db, tokens, lookup, view, untilEntry, untilView, register, recordLicence, issue };
}

export const beijingDay = (days: number) =>
  new Date(Date.now() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 10);
export const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();
