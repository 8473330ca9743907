import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { QINGHAI, tokenFor } from '@jianguan/testing';
import { until } from './support/polling';
import { type GraphQLResponse } from './support/federation';
import { EXTEND, ISSUE, problems } from './support/enforcement-operations';
import { materials, START_REVIEW, SUBMIT } from './support/qualification-review-operations';
import {
  filingInput,
  registerOnlineInstitution,
  SCREEN_FILING,
  SUBMIT_FILING,
} from './support/online-course-filing-operations';
import { RECORD_LICENCE } from './support/registry-operations';
import { useFederationStack } from './support/stack';

/**
 * Who may ask, checked before anything else (issue 19, points 5 and 7): a caller without the scope
 * learns nothing about ids and takes no row lock; region statistics follow one rule in all five
 * subgraphs. The whole federation with its workers behind the gateway.
 */
const { federation, db } = useFederationStack({ workers: true, env: { OUTBOX_POLL_MS: '200' } });
let institutionId: string;
let orderId: string;
let applicationId: string;
let filingId: string;
let institutionUser: string;

beforeAll(async () => {
  const registryOfficer = await tokenFor({ scopes: ['registry:write'], regionCode: QINGHAI.chengdong });
  institutionId = await registerOnlineInstitution(federation, db, registryOfficer);
  for (const schema of ['enforcement', 'qualification_review']) {
    const known = await until(
      () => db.query(`SELECT 1 FROM ${schema}.known_institution WHERE id = $1`, [institutionId]),
      (result) => result.rowCount === 1,
    );
    if (known.rowCount !== 1) throw new Error(`${schema} never learnt of the institution`);
  }
  institutionUser = await tokenFor({ scopes: [], regionCode: QINGHAI.chengdong, institutionId });
  const enforcer = await tokenFor({ scopes: ['enforcement:write'], regionCode: QINGHAI.chengdong });
  const order = await federation.query<{ issueRectificationOrder: { id: string } }>(
    ISSUE,
    { input: { institutionId, source: 'INSPECTION', problems, deadlineWorkingDays: 20 } },
    enforcer,
  );
  orderId = order.data!.issueRectificationOrder.id;
  const application = await federation.query<{ submitQualificationApplication: { id: string } }>(
    SUBMIT,
    { input: { institutionId, type: 'NEW_PERMIT', materials: materials(['LEGAL_PERSON_CERTIFICATE']) } },
    institutionUser,
  );
  applicationId = application.data!.submitQualificationApplication.id;
  const filing = await federation.query<{ submitOnlineFiling: { id: string } }>(
    SUBMIT_FILING,
    { input: filingInput(institutionId) },
    institutionUser,
  );
  filingId = filing.data!.submitOnlineFiling.id;
});

/** One mutation per subgraph that changes a row it locks first; `id` is the row's id. */
const LOCKING_MUTATIONS = [
  {
    name: 'extendRectificationDeadline',
    scope: 'enforcement:write',
    table: 'enforcement.rectification_order',
    id: () => orderId,
    send: (id: string, token: string) =>
      federation.query(EXTEND, { input: { orderId: id, reason: '延期', deadlineWorkingDays: 40 } }, token),
  },
  {
    name: 'startReview',
    scope: 'review:decide',
    table: 'qualification_review.application',
    id: () => applicationId,
    send: (id: string, token: string) => federation.query(START_REVIEW, { id }, token),
  },
  {
    name: 'screenOnlineFiling',
    scope: 'filing:screen',
    table: 'online_course_filing.filing',
    id: () => filingId,
    send: (id: string, token: string) => federation.query(SCREEN_FILING, { id }, token),
  },
  {
    name: 'recordLicence',
    scope: 'registry:write',
    table: 'registry.institution',
    id: () => institutionId,
    send: (id: string, token: string) =>
      federation.query(
        RECORD_LICENCE,
        {
          input: {
            institutionId: id,
            type: 'SCHOOL_PERMIT',
            number: `P-${id.slice(0, 8)}`,
            issuedBy: '城东区教育局',
            issuedOn: '2025-01-01',
          },
        },
        token,
      ),
  },
];

const refusal = (result: GraphQLResponse) => ({
  code: result.errors?.[0]?.extensions?.code,
  message: result.errors?.[0]?.message,
});

/**
 * Sends a request while another transaction holds the row `FOR UPDATE`: its refusal, or 'waited for
 * the lock' when it had not answered within 3 s (it queued behind the holder).
 */
async function whileRowLocked(table: string, id: string, send: () => Promise<GraphQLResponse>) {
  const holder = new Client({ connectionString: federation.db.url });
  await holder.connect();
  try {
    await holder.query('BEGIN');
    await holder.query(`SELECT 1 FROM ${table} WHERE id = $1 FOR UPDATE`, [id]);
    let timer: NodeJS.Timeout | undefined;
    const answer = await Promise.race([
      send().then(refusal),
      new Promise<'waited for the lock'>((resolve) => {
        timer = setTimeout(() => resolve('waited for the lock'), 3000);
      }),
    ]);
    clearTimeout(timer);
    return answer;
  } finally {
    await holder.query('ROLLBACK');
    await holder.end();
  }
}

describe('a signed-in caller without the scope (point 5)', () => {
  // The province's public-list reader: signed in, jurisdiction over everything, none of these scopes.
  const withoutScope = () => tokenFor({ scopes: ['public-list:read'], regionCode: QINGHAI.province });

  it.each(LOCKING_MUTATIONS)(
    '$name: FORBIDDEN alike for an existing and an unknown id',
    async ({ id, send }) => {
      const token = await withoutScope();
      const existing = refusal(await send(id(), token));
      const unknown = refusal(await send(randomUUID(), token));
      expect(existing.code).toBe('FORBIDDEN');
      expect(unknown).toEqual(existing);
    },
  );

  it.each(LOCKING_MUTATIONS)(
    '$name: refused at once while another transaction holds the row (no lock taken)',
    async ({ table, id, send }) => {
      const answer = await whileRowLocked(table, id(), async () => send(id(), await withoutScope()));
      expect(answer).toMatchObject({ code: 'FORBIDDEN' });
    },
  );

  it('cannot tell filings apart by reading them either', async () => {
    const token = await withoutScope();
    const read = (id: string) =>
      federation.query(`query($id: ID!) { onlineFiling(id: $id) { id } }`, { id }, token);
    const existing = refusal(await read(filingId));
    expect(existing.code).toBe('FORBIDDEN');
    expect(refusal(await read(randomUUID()))).toEqual(existing);
  });
});

describe("an official with the scope outside the record's jurisdiction (point 5)", () => {
  // A colleague of the neighbouring county: the scope each mutation needs, not this institution's region.
  const neighbour = (scope: string) => tokenFor({ scopes: [scope], regionCode: QINGHAI.chengzhong });

  it.each(LOCKING_MUTATIONS)(
    '$name: refused at once while another transaction holds the row (the region is checked first)',
    async ({ scope, table, id, send }) => {
      const answer = await whileRowLocked(table, id(), async () => send(id(), await neighbour(scope)));
      expect(answer).toEqual({ code: 'FORBIDDEN', message: 'Outside your jurisdiction' });
    },
  );
});

const STATS_FIELDS = ['institutionStats', 'reviewStats', 'filingStats', 'rectificationStats', 'listStats'];
const FIRST_FIGURE: Record<string, string> = {
  institutionStats: 'total',
  reviewStats: 'submitted',
  filingStats: 'institutionsFiled',
  rectificationStats: 'open',
  listStats: 'white',
};
const statsQuery = (field: string) =>
  `query Stats($code: String!) { region(code: $code) { code ${field} { ${FIRST_FIGURE[field]} } } }`;

describe('region statistics: one rule in every subgraph (point 7)', () => {
  it.each(STATS_FIELDS)("refuses an institution's user %s of its own county", async (field) => {
    const result = await federation.query<{ region: Record<string, unknown> }>(
      statsQuery(field),
      { code: QINGHAI.chengdong },
      institutionUser,
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(result.errors?.[0]?.message).toBe('区域统计仅限辖区包含该区域的主管部门查看');
    expect(result.data?.region?.[field] ?? null).toBeNull();
  });

  it.each(STATS_FIELDS)('refuses a county official %s of the city above it', async (field) => {
    const county = await tokenFor({ scopes: [], regionCode: QINGHAI.chengdong });
    const result = await federation.query(statsQuery(field), { code: QINGHAI.xining }, county);
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it.each(STATS_FIELDS)('answers %s to an official whose jurisdiction includes the county', async (field) => {
    const city = await tokenFor({ scopes: [], regionCode: QINGHAI.xining });
    const result = await federation.query<{ region: Record<string, Record<string, number>> }>(
      statsQuery(field),
      { code: QINGHAI.chengdong },
      city,
    );
    expect(result.errors).toBeUndefined();
    expect(typeof result.data!.region[field][FIRST_FIGURE[field]]).toBe('number');
  });
});
