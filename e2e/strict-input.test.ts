import { Client } from 'pg';
import { QINGHAI, TEST_SUBGRAPH_SECRET, tokenFor, validCreditCode } from '@jianguan/testing';
import {
  postGraphQL,
  type GraphQLResponse,
  type TestFederation,
  startFederationWithDatabase,
  stopFederation,
} from './support/federation';
import { RECORD_LICENCE, RECORD_SURVEY, REGISTER } from './support/registry-operations';
import { ISSUE, registerInstitution } from './support/enforcement-operations';
import {
  filingInput,
  mathTeacher,
  registerOnlineInstitution,
  SUBMIT_FILING,
} from './support/online-course-filing-operations';
import { PUBLIC_LOOKUP } from './support/public-list-operations';

/**
 * Strict input (docs/security.md, "Strict input: dates, cursors, text"): what a client may send is
 * checked once for every subgraph, and anything else is BAD_USER_INPUT naming the field in Chinese —
 * never an internal error, and nothing is stored.
 */
let federation: TestFederation;
let db: Client;
let officer: string;

beforeAll(async () => {
  // Workers on: enforcement and online-course-filing learn of institutions from the registry's events.
  ({ federation, db } = await startFederationWithDatabase({ workers: true }));
  officer = await tokenFor({
    scopes: ['registry:write'],
    regionCode: QINGHAI.chengdong,
    name: '城东区网格员 马',
  });
});

afterAll(() => stopFederation(federation, db));

/** The refusal a person reads: BAD_USER_INPUT, the field, a Chinese message naming it. */
function expectRefused(response: GraphQLResponse, field: string) {
  expect(response.errors).toHaveLength(1);
  const [error] = response.errors!;
  expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  expect(error.message).toContain(field);
  expect(error.message).toMatch(/[\u4e00-\u9fff]/);
}

async function registered(): Promise<string> {
  const response = await federation.query<{ registerInstitution: { id: string } }>(
    REGISTER,
    {
      input: {
        name: '城东区严格输入培训学校',
        creditCode: validCreditCode(),
        kind: 'OFFLINE',
        category: 'SUBJECT',
        regionCode: QINGHAI.beiguanCommunity,
        address: '西宁市城东区东关大街 9 号',
      },
    },
    officer,
  );
  expect(response.errors).toBeUndefined();
  return response.data!.registerInstitution.id;
}

const count = async (sql: string, params: unknown[]) => (await db.query(sql, params)).rows[0].n as number;

describe('dates and date-times are calendar-checked and need an offset', () => {
  it.each([
    ['issuedOn', '2027-02-29'],
    ['issuedOn', '2027-02-31'],
    ['issuedOn', '2026-04-31'],
    ['validUntil', '2029-13-01'],
  ])('refuses the licence date %s %s and records no licence', async (field, value) => {
    const id = await registered();
    const input = {
      institutionId: id,
      type: 'BUSINESS_LICENCE',
      number: `BL-${Math.random().toString(36).slice(2, 10)}`,
      issuedBy: '西宁市城东区市场监督管理局',
      issuedOn: '2024-03-01',
      validUntil: null,
      [field]: value,
    };
    const response = await federation.query(RECORD_LICENCE, { input }, officer);
    expectRefused(response, field);
    expect(
      await count(`SELECT count(*)::int AS n FROM registry.licence WHERE institution_id = $1`, [id]),
    ).toBe(0);
  });

  it.each([
    ['hour 24', '2026-11-21T24:00:00+08:00'],
    ['29 February of a common year', '2026-02-29T10:00:00+08:00'],
    ['no offset', '2026-11-21T10:30:00'],
    ['second 60', '2026-11-21T10:30:60+08:00'],
  ])('refuses a survey time with %s and records no survey', async (_what, surveyedAt) => {
    const id = await registered();
    const response = await federation.query(
      RECORD_SURVEY,
      { input: { institutionId: id, surveyedAt, gridCode: QINGHAI.beiguanCommunity, finding: 'OPERATING' } },
      officer,
    );
    expectRefused(response, 'surveyedAt');
    expect(
      await count(`SELECT count(*)::int AS n FROM registry.survey_record WHERE institution_id = $1`, [id]),
    ).toBe(0);
  });

  it('refuses an impossible date written into the query itself, not only in variables', async () => {
    const id = await registered();
    const response = await federation.query(
      `mutation { recordLicence(input: { institutionId: "${id}", type: BUSINESS_LICENCE, number: "BL-LITERAL-1",
        issuedBy: "西宁市城东区市场监督管理局", issuedOn: "2027-02-29" }) { id } }`,
      {},
      officer,
    );
    expectRefused(response, 'issuedOn');
    expect(
      await count(`SELECT count(*)::int AS n FROM registry.licence WHERE institution_id = $1`, [id]),
    ).toBe(0);
  });

  it('still takes a real date and an instant with its offset', async () => {
    const id = await registered();
    const licence = await federation.query<{ recordLicence: { licences: { number: string }[] } }>(
      RECORD_LICENCE,
      {
        input: {
          institutionId: id,
          type: 'BUSINESS_LICENCE',
          number: 'BL-LEAP-2028',
          issuedBy: '西宁市城东区市场监督管理局',
          issuedOn: '2024-02-29',
          validUntil: '2028-02-29',
        },
      },
      officer,
    );
    expect(licence.errors).toBeUndefined();
    const survey = await federation.query<{ recordSurvey: { finding: string } }>(
      RECORD_SURVEY,
      {
        input: {
          institutionId: id,
          surveyedAt: '2026-11-21T10:30Z',
          gridCode: QINGHAI.beiguanCommunity,
          finding: 'OPERATING',
        },
      },
      officer,
    );
    expect(survey.errors).toBeUndefined();
    expect(survey.data!.recordSurvey.finding).toBe('OPERATING');
  });
});

describe('a pagination cursor that is not one the list gave out', () => {
  const cursor = (values: unknown) => Buffer.from(JSON.stringify(values)).toString('base64url');
  // Two strings where an instant and an id belong, as in the issue: WyJ4IiwieSJd.
  const wrongTypes = cursor(['x', 'y']);

  it.each([
    [
      'typical cases, anonymously',
      `query($after: String) { typicalCases(after: $after) { totalCount } }`,
      wrongTypes,
    ],
    [
      'typical cases with a real instant but no id',
      `query($after: String) { typicalCases(after: $after) { totalCount } }`,
      cursor(['2026-11-21T00:00:00.000Z', 'nope']),
    ],
    [
      'the public list with a control character',
      `query($after: String) { publicList(list: WHITE, after: $after) { totalCount } }`,
      cursor(['\u0000', 'x']),
    ],
    [
      'the public list with a number where text belongs',
      `query($after: String) { publicList(list: BLACK, after: $after) { totalCount } }`,
      cursor([1, 2]),
    ],
    ['not base64 JSON at all', `query($after: String) { typicalCases(after: $after) { totalCount } }`, '%%%'],
  ])('is BAD_USER_INPUT on %s', async (_what, query, after) => {
    const response = await federation.query(query, { after });
    expectRefused(response, 'after');
  });

  it.each([
    [
      'registry institutions',
      ['registry:read'],
      `query($after: String) { institutions(after: $after) { totalCount } }`,
      cursor(['启航', 'not-a-uuid']),
    ],
    [
      'the review queue',
      ['review:read'],
      `query($after: String) { reviewQueue(after: $after) { totalCount } }`,
      wrongTypes,
    ],
    [
      'rectification orders',
      ['enforcement:read'],
      `query($after: String) { rectificationOrders(after: $after) { totalCount } }`,
      cursor(['2027-02-31T00:00:00Z', '00000000-0000-0000-0000-000000000000']),
    ],
    [
      'discipline referrals',
      ['discipline:read'],
      `query($after: String) { disciplineReferrals(after: $after) { totalCount } }`,
      wrongTypes,
    ],
  ])('is BAD_USER_INPUT on %s', async (_what, scopes, query, after) => {
    const token = await tokenFor({ scopes, regionCode: QINGHAI.chengdong });
    const response = await federation.query(query, { after }, token);
    expectRefused(response, 'after');
  });

  it('still pages with the cursors the list gave out', async () => {
    await registered();
    await registered();
    const token = await tokenFor({ scopes: ['registry:read'], regionCode: QINGHAI.chengdong });
    const page = `query($after: String) { institutions(first: 1, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id } } } }`;
    type Page = {
      institutions: {
        pageInfo: { hasNextPage: boolean; endCursor: string };
        edges: { node: { id: string } }[];
      };
    };
    const first = await federation.query<Page>(page, {}, token);
    expect(first.data!.institutions.pageInfo.hasNextPage).toBe(true);
    const second = await federation.query<Page>(
      page,
      { after: first.data!.institutions.pageInfo.endCursor },
      token,
    );
    expect(second.errors).toBeUndefined();
    expect(second.data!.institutions.edges[0].node.id).not.toBe(first.data!.institutions.edges[0].node.id);
  });
});

describe('one text rule for every input', () => {
  const NUL = '\u0000';

  it('refuses a NUL in the public lookup, anonymously', async () => {
    const response = await federation.query(PUBLIC_LOOKUP, { query: `启航${NUL}学校` });
    expectRefused(response, 'query');
  });

  it.each([
    ['name', { name: `城东区${NUL}培训学校` }],
    ['address', { address: `东关大街${NUL} 88 号` }],
    ['name', { name: '城东区\u0007培训学校' }],
    ['address', { address: '长'.repeat(10_001) }],
  ])('refuses a bad %s of an institution and registers nothing', async (field, change) => {
    const creditCode = validCreditCode();
    const response = await federation.query(
      REGISTER,
      {
        input: {
          name: '城东区文本规则培训学校',
          creditCode,
          kind: 'OFFLINE',
          category: 'SUBJECT',
          regionCode: QINGHAI.beiguanCommunity,
          address: '西宁市城东区东关大街 88 号',
          ...change,
        },
      },
      officer,
    );
    expectRefused(response, field);
    expect(
      await count(`SELECT count(*)::int AS n FROM registry.institution WHERE credit_code = $1`, [creditCode]),
    ).toBe(0);
  });

  it('stores names and codes in NFKC and keeps line breaks in free text', async () => {
    const wide = validCreditCode().replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    const response = await federation.query<{
      registerInstitution: { name: string; creditCode: string; address: string };
    }>(
      REGISTER,
      {
        input: {
          name: '城东区启航培训学校（东关分校）',
          creditCode: wide,
          kind: 'OFFLINE',
          category: 'SUBJECT',
          regionCode: QINGHAI.beiguanCommunity,
          address: '东关大街 88 号\n二楼',
        },
      },
      officer,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.registerInstitution).toMatchObject({
      name: '城东区启航培训学校(东关分校)',
      creditCode: wide.normalize('NFKC'),
      address: '东关大街 88 号\n二楼',
    });
  });

  it('refuses a NUL in a problem description and opens no order', async () => {
    const id = await registerInstitution(federation, db, officer, '城东区问题描述培训学校');
    const enforcer = await tokenFor({ scopes: ['enforcement:write'], regionCode: QINGHAI.chengdong });
    const response = await federation.query(
      ISSUE,
      {
        input: {
          institutionId: id,
          source: 'INSPECTION',
          problems: [{ code: 'NO_PERMIT', description: `未取得${NUL}办学许可证`, field: null }],
          deadlineWorkingDays: 20,
        },
      },
      enforcer,
    );
    expectRefused(response, 'problems.0.description');
    expect(
      await count(
        `SELECT count(*)::int AS n FROM enforcement.rectification_order WHERE institution_id = $1`,
        [id],
      ),
    ).toBe(0);
  });

  it("refuses a NUL in a filing person's name and files nothing", async () => {
    const id = await registerOnlineInstitution(federation, db, officer, {
      name: '青海文本规则教育科技有限公司',
    });
    const institution = await tokenFor({
      scopes: ['filing:submit'],
      regionCode: QINGHAI.chengdong,
      institutionId: id,
    });
    const response = await federation.query(
      SUBMIT_FILING,
      { input: filingInput(id, { personnel: [mathTeacher({ name: `张${NUL}老师` })] }) },
      institution,
    );
    expectRefused(response, 'personnel.0.name');
    expect(
      await count(`SELECT count(*)::int AS n FROM online_course_filing.filing WHERE institution_id = $1`, [
        id,
      ]),
    ).toBe(0);
  });
});

describe('no "Did you mean" suggestions, of any kind', () => {
  const noSuggestion = (response: GraphQLResponse, hidden: string) => {
    expect(response.errors?.length).toBeGreaterThan(0);
    for (const error of response.errors!) {
      expect(error.message).not.toMatch(/Did you mean|Suggestion/);
      expect(error.message).not.toContain(`"${hidden}"`);
      expect(error.extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
    }
  };

  it.each([
    [
      'an enum value in the query',
      `{ institutions(filter: { status: BANNE }) { totalCount } }`,
      {},
      'BANNED',
    ],
    [
      'an enum value in a variable',
      `query($s: InstitutionStatus) { institutions(filter: { status: $s }) { totalCount } }`,
      { s: 'BANNE' },
      'BANNED',
    ],
    ['a field', `{ institutions { edges { node { nme } } } }`, {}, 'name'],
    ['an argument', `{ institutions(frist: 1) { totalCount } }`, {}, 'first'],
    ['an input field', `{ institutions(filter: { regionCod: "63" }) { totalCount } }`, {}, 'regionCode'],
    [
      'a type',
      `query($f: InstitutionFiltr) { institutions(filter: $f) { totalCount } }`,
      {},
      'InstitutionFilter',
    ],
  ])('suggests no name for %s through the gateway', async (_what, query, variables, hidden) => {
    noSuggestion(await federation.query(query, variables, officer), hidden);
  });

  it('suggests no enum value at a subgraph either', async () => {
    const response = await postGraphQL<Record<string, unknown>>(
      federation.subgraphUrls.registry,
      `query($s: InstitutionStatus) { institutions(filter: { status: $s }) { totalCount } }`,
      { s: 'BANNE' },
      { 'x-subgraph-secret': TEST_SUBGRAPH_SECRET, authorization: `Bearer ${officer}` },
    );
    noSuggestion(response, 'BANNED');
  });
});
