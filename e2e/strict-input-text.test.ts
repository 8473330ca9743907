import { QINGHAI, TEST_SUBGRAPH_SECRET, tokenFor, validCreditCode } from '@jianguan/testing';
import { postGraphQL, type GraphQLResponse } from './support/federation';
import { REGISTER } from './support/registry-operations';
import { ISSUE, registerInstitution } from './support/enforcement-operations';
import {
  filingInput,
  mathTeacher,
  registerOnlineInstitution,
  SUBMIT_FILING,
} from './support/online-course-filing-operations';
import { PUBLIC_LOOKUP } from './support/public-list-operations';
import { expectRefused, useStrictInputStack } from './support/strict-input';

/** Strict input (docs/security.md, see support/strict-input.ts): text, and error messages that suggest nothing. */
const { federation, db, tokens, count } = useStrictInputStack();

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
      tokens.officer,
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
      tokens.officer,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.registerInstitution).toMatchObject({
      name: '城东区启航培训学校(东关分校)',
      creditCode: wide.normalize('NFKC'),
      address: '东关大街 88 号\n二楼',
    });
  });

  it('refuses a NUL in a problem description and opens no order', async () => {
    const id = await registerInstitution(federation, db, tokens.officer, '城东区问题描述培训学校');
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
    const id = await registerOnlineInstitution(federation, db, tokens.officer, {
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
    noSuggestion(await federation.query(query, variables, tokens.officer), hidden);
  });

  it('suggests no enum value at a subgraph either', async () => {
    const response = await postGraphQL<Record<string, unknown>>(
      federation.subgraphUrls.registry,
      `query($s: InstitutionStatus) { institutions(filter: { status: $s }) { totalCount } }`,
      { s: 'BANNE' },
      { 'x-subgraph-secret': TEST_SUBGRAPH_SECRET, authorization: `Bearer ${tokens.officer}` },
    );
    noSuggestion(response, 'BANNED');
  });
});
