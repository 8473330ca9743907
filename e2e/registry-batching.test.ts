import { Client } from 'pg';
import { QINGHAI, StatementCounter, tokenFor, validCreditCode } from '@jianguan/testing';
import { INSTITUTIONS_PAGE } from './support/registry-operations';
import { useFederationStack } from './support/stack';

const counter = new StatementCounter();
const { federation } = useFederationStack({ serverOptions: { registry: { queryLogger: counter } } });
let officer: string;

type Page = {
  institutions: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string };
    edges: { node: { id: string; name: string; region: { code: string; parent: { code: string } } } }[];
  };
};

beforeAll(async () => {
  officer = await tokenFor({ scopes: ['registry:write'], regionCode: QINGHAI.xining });
  // 150 institutions spread over the communities of 城东区, written directly as the test's setup.
  const db = new Client({ connectionString: federation.db.url });
  await db.connect();
  const { rows: villages } = await db.query(
    `SELECT code FROM registry.region WHERE code LIKE '630102%' AND level = 'VILLAGE' ORDER BY code LIMIT 30`,
  );
  const codes = Array.from({ length: 150 }, () => validCreditCode());
  await db.query(
    `INSERT INTO registry.institution (name, credit_code, kind, category, region_code, address, status,
       certificate_status, missing_licences, rule_set_version)
     SELECT '培训机构' || lpad(i::text, 3, '0'), codes[i], 'OFFLINE', 'SUBJECT', villages[1 + i % $3], '地址',
            'ACTIVE', 'NONE', '{}', '2021-07'
       FROM generate_series(1, 150) AS i, (SELECT $1::text[] AS codes, $2::text[] AS villages) AS v`,
    [codes, villages.map((v) => v.code), villages.length],
  );
  await db.end();
});

async function statementsFor(first: number) {
  counter.reset();
  const result = await federation.query<Page>(INSTITUTIONS_PAGE, { first }, officer);
  expect(result.errors).toBeUndefined();
  expect(result.data!.institutions.edges).toHaveLength(first);
  return counter.count;
}

describe('a page of institutions with their regions', () => {
  it('costs the same number of SQL statements for 10 rows as for 100', async () => {
    const small = await statementsFor(10);
    const large = await statementsFor(100);
    expect(large).toBe(small);
    // page, total, regions, parent regions
    expect(large).toBeLessThanOrEqual(4);
  });

  it('pages through everything exactly once with cursors', async () => {
    const seen = new Set<string>();
    let after: string | undefined;
    let pages = 0;
    do {
      const result: { data?: Page } = await federation.query<Page>(
        INSTITUTIONS_PAGE,
        { first: 40, after },
        officer,
      );
      const page = result.data!.institutions;
      expect(page.totalCount).toBe(150);
      for (const { node } of page.edges) seen.add(node.id);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : undefined;
      pages += 1;
    } while (after);
    expect(pages).toBe(4);
    expect(seen.size).toBe(150);
  });

  it('refuses a page larger than 100 and a cursor it did not make', async () => {
    const big = await federation.query(INSTITUTIONS_PAGE, { first: 101 }, officer);
    expect(big.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const forged = await federation.query(INSTITUTIONS_PAGE, { first: 5, after: 'not-a-cursor' }, officer);
    expect(forged.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});
