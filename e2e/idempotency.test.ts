import { randomUUID } from 'node:crypto';
import { QINGHAI, tokenFor, officialToken } from '@jianguan/testing';
import { until } from './support/polling';
import { postGraphQL, type GraphQLResponse } from './support/federation';
import { registerInstitution } from './support/enforcement-operations';
import { RECORD_SURVEY } from './support/registry-operations';
import { materials, SUBMIT } from './support/qualification-review-operations';
import {
  filingInput,
  registerOnlineInstitution,
  SUBMIT_FILING,
} from './support/online-course-filing-operations';
import { useFederationStack } from './support/stack';

/**
 * Double submits record once (issue 19, point 11): a mutation sent with an `Idempotency-Key` runs
 * once per caller and key, and every repeat — in parallel or later the same day — answers what the
 * first answered. The whole federation with its workers behind the gateway.
 */
const { federation, db } = useFederationStack({ workers: true, env: { OUTBOX_POLL_MS: '200' } });
let officer: string;
let institutionId: string;
let onlineInstitutionId: string;

beforeAll(async () => {
  const registryOfficer = await tokenFor({ scopes: ['registry:write'], regionCode: QINGHAI.chengdong });
  institutionId = await registerInstitution(federation, db, registryOfficer, '城东区重复提交测试培训学校');
  const known = await until(
    () => db.query(`SELECT 1 FROM qualification_review.known_institution WHERE id = $1`, [institutionId]),
    (result) => result.rowCount === 1,
  );
  if (known.rowCount !== 1) throw new Error('qualification-review never learnt of the institution');
  onlineInstitutionId = await registerOnlineInstitution(federation, db, registryOfficer);
  officer = await officialToken(
    'officer-zhao',
    '赵执法',
    ['enforcement:write', 'registry:write', 'review:submit', 'filing:submit'],
    QINGHAI.chengdong,
  );
});

const send = <T = Record<string, unknown>>(
  query: string,
  variables: Record<string, unknown>,
  key: string | undefined,
  token = officer,
): Promise<GraphQLResponse<T>> =>
  postGraphQL<T>(federation.gatewayUrl, query, variables, {
    authorization: `Bearer ${token}`,
    ...(key === undefined ? {} : { 'idempotency-key': key }),
  });

const IMPOSE = `mutation Impose($input: ImposePenaltyInput!) {
  imposePenalty(input: $input) { id type amountFen description }
}`;
const START_CAMPAIGN = `mutation Start($input: StartCampaignInput!) {
  startCampaign(input: $input) { id name }
}`;
const FILING_HISTORY = `query History($id: ID!) { institution(id: $id) { onlineFiling { history { to } } } }`;
const RECORDS = `query Records($id: ID!) {
  institution(id: $id) { penalties { id } surveys { id } qualificationApplications { id } }
}`;

// Enforcement keeps one penalty per identical decision a day anyway, so each fine here says something new.
let fines = 0;
const fine = (description = `超期预收费（第 ${++fines} 笔）`) => ({
  input: {
    institutionId,
    type: 'FINE',
    amountFen: 50_000_00,
    description,
    legalBasis: '《校外培训行政处罚暂行办法》第十七条',
  },
});

async function recordsOf(kind: 'penalties' | 'surveys' | 'qualificationApplications') {
  const result = await federation.query<{ institution: Record<string, unknown[]> }>(
    RECORDS,
    { id: institutionId },
    officer,
  );
  return result.data!.institution[kind].length;
}

const campaignsNamed = async (name: string) =>
  Number((await db.query(`SELECT count(*) FROM enforcement.campaign WHERE name = $1`, [name])).rows[0].count);

const inAYear = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/** One creating mutation per subgraph that has them; `count` is what a user would look at. */
const CREATING = [
  {
    name: 'imposePenalty (FINE)',
    query: IMPOSE,
    variables: () => fine(),
    count: () => recordsOf('penalties'),
  },
  {
    name: 'startCampaign',
    query: START_CAMPAIGN,
    variables: () => ({
      input: {
        name: '重复提交专项治理',
        regionCode: QINGHAI.chengdong,
        startsAt: new Date().toISOString(),
        endsAt: inAYear(90),
        defaultDeadline: inAYear(60),
      },
    }),
    count: () => campaignsNamed('重复提交专项治理'),
  },
  {
    name: 'recordSurvey',
    query: RECORD_SURVEY,
    variables: () => ({
      input: {
        institutionId,
        surveyedAt: new Date(Date.now() - 60_000).toISOString(),
        gridCode: QINGHAI.beiguanCommunity,
        finding: 'OPERATING',
      },
    }),
    count: () => recordsOf('surveys'),
  },
  {
    name: 'submitQualificationApplication',
    query: SUBMIT,
    variables: () => ({
      input: { institutionId, type: 'NEW_PERMIT', materials: materials(['LEGAL_PERSON_CERTIFICATE']) },
    }),
    count: () => recordsOf('qualificationApplications'),
  },
  {
    name: 'submitOnlineFiling',
    query: SUBMIT_FILING,
    variables: () => ({ input: filingInput(onlineInstitutionId) }),
    // Each submission of the filing is a line in its history.
    count: async () => {
      const result = await federation.query<{ institution: { onlineFiling: { history: unknown[] } | null } }>(
        FILING_HISTORY,
        { id: onlineInstitutionId },
        officer,
      );
      return result.data!.institution.onlineFiling?.history.length ?? 0;
    },
  },
];

describe('20 identical requests in parallel with one key', () => {
  it.each(CREATING)('$name records once, and all 20 get the first answer', async (mutation) => {
    const before = await mutation.count();
    const key = randomUUID();
    const variables = mutation.variables();
    const answers = await Promise.all(Array.from({ length: 20 }, () => send(mutation.query, variables, key)));
    expect(answers[0].errors).toBeUndefined();
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(await mutation.count()).toBe(before + 1);
  });
});

describe('what a key covers', () => {
  it('answers a repeat later the same way, and records nothing', async () => {
    const key = randomUUID();
    const first = await send(IMPOSE, fine('重复提交的罚款'), key);
    const before = await recordsOf('penalties');
    const repeat = await send(IMPOSE, fine('重复提交的罚款'), key);
    expect(repeat).toEqual(first);
    expect(await recordsOf('penalties')).toBe(before);
  });

  it('refuses the same key with other input (IDEMPOTENCY_KEY_REUSED), recording nothing', async () => {
    const key = randomUUID();
    await send(IMPOSE, fine('第一笔罚款'), key);
    const before = await recordsOf('penalties');
    const other = await send(IMPOSE, fine('另一笔罚款'), key);
    expect(other.errors?.[0]).toMatchObject({
      message: '该幂等键（Idempotency-Key）已用于另一个请求（操作或参数不同）；新的请求请使用新的幂等键',
      extensions: { code: 'IDEMPOTENCY_KEY_REUSED', field: 'Idempotency-Key' },
    });
    expect(await recordsOf('penalties')).toBe(before);
  });

  it("is the caller's own: another official sending the same key records their own", async () => {
    const key = randomUUID();
    const colleague = await officialToken('officer-qian', '钱执法', ['enforcement:write'], QINGHAI.chengdong);
    const before = await recordsOf('penalties');
    const decision = fine();
    const mine = await send<{ imposePenalty: { id: string } }>(IMPOSE, decision, key);
    const theirs = await send<{ imposePenalty: { id: string } }>(IMPOSE, decision, key, colleague);
    expect(theirs.data!.imposePenalty.id).not.toBe(mine.data!.imposePenalty.id);
    expect(await recordsOf('penalties')).toBe(before + 2);
  });

  it('records each request without a key, or with a new key', async () => {
    const before = await recordsOf('penalties');
    await send(IMPOSE, fine(), undefined);
    await send(IMPOSE, fine(), undefined);
    await send(IMPOSE, fine(), randomUUID());
    expect(await recordsOf('penalties')).toBe(before + 3);
  });

  it('is kept for 24 hours; once expired, the key records again', async () => {
    const key = randomUUID();
    const campaign = CREATING.find((m) => m.name === 'startCampaign')!;
    const variables = campaign.variables();
    await send(campaign.query, variables, key);
    const { rows } = await db.query(
      `SELECT extract(epoch FROM expires_at - now()) AS seconds FROM enforcement.idempotency_key WHERE key = $1`,
      [key],
    );
    expect(Number(rows[0].seconds)).toBeGreaterThan(24 * 3600 - 60);
    expect(Number(rows[0].seconds)).toBeLessThanOrEqual(24 * 3600);
    await db.query(
      `UPDATE enforcement.idempotency_key SET expires_at = now() - interval '1 second' WHERE key = $1`,
      [key],
    );
    const before = await campaign.count();
    await send(campaign.query, variables, key);
    expect(await campaign.count()).toBe(before + 1);
  });

  it('refuses a malformed key, naming the header', async () => {
    const result = await send(IMPOSE, fine(), 'x'.repeat(201));
    expect(result.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'Idempotency-Key' });
  });
});
