import { Client } from 'pg';
import { QINGHAI, TEST_SUBGRAPH_SECRET, tokenFor, validCreditCode } from '@jianguan/testing';
import { postGraphQL } from './support/federation';
import { INSTITUTION, RECORD_LICENCE, REGISTER } from './support/registry-operations';
import { useFederationStack } from './support/stack';

const { federation } = useFederationStack();
let chengzhongInstitution: string;
let chengdongOfficer: string;
let chengzhongOfficer: string;

beforeAll(async () => {
  chengdongOfficer = await tokenFor({ scopes: ['registry:write'], regionCode: QINGHAI.chengdong });
  chengzhongOfficer = await tokenFor({ scopes: ['registry:write'], regionCode: QINGHAI.chengzhong });
  const result = await federation.query<{ registerInstitution: { id: string } }>(
    REGISTER,
    {
      input: {
        name: '城中区星火艺术培训中心',
        creditCode: validCreditCode(QINGHAI.chengzhong),
        kind: 'OFFLINE',
        category: 'NON_SUBJECT',
        regionCode: '630103001',
        address: '西宁市城中区南大街 1 号',
      },
    },
    chengzhongOfficer,
  );
  chengzhongInstitution = result.data!.registerInstitution.id;
});

const ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Institution { id name } } }`;

describe('who may read and change the registry', () => {
  it('asks the public for a token', async () => {
    const result = await federation.query(`{ institutions(first: 5) { totalCount } }`);
    expect(result.errors![0].extensions?.code).toBe('UNAUTHENTICATED');
    const one = await federation.query(INSTITUTION, { id: chengzhongInstitution });
    expect(one.errors![0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it("keeps an official of 630102 out of 630103's institution", async () => {
    const read = await federation.query(INSTITUTION, { id: chengzhongInstitution }, chengdongOfficer);
    expect(read.errors![0].extensions?.code).toBe('FORBIDDEN');
    const change = await federation.query(
      RECORD_LICENCE,
      {
        input: {
          institutionId: chengzhongInstitution,
          type: 'SCHOOL_PERMIT',
          number: 'X-1',
          issuedBy: '城东区教育局',
          issuedOn: '2025-01-01',
        },
      },
      chengdongOfficer,
    );
    expect(change.errors![0].extensions?.code).toBe('FORBIDDEN');
    const register = await federation.query(
      REGISTER,
      {
        input: {
          name: '越权登记的机构',
          creditCode: validCreditCode(QINGHAI.chengzhong),
          kind: 'OFFLINE',
          category: 'SUBJECT',
          regionCode: '630103001',
          address: '城中区',
        },
      },
      chengdongOfficer,
    );
    expect(register.errors![0].extensions?.code).toBe('FORBIDDEN');
    const own = await federation.query(INSTITUTION, { id: chengzhongInstitution }, chengzhongOfficer);
    expect(own.data).toMatchObject({
      institution: { id: chengzhongInstitution, region: { name: '人民街街道' } },
    });
  });

  it('lists only what lies in the jurisdiction and refuses a region outside it', async () => {
    const mine = await federation.query<{ institutions: { totalCount: number } }>(
      `{ institutions(first: 10) { totalCount } }`,
      {},
      chengdongOfficer,
    );
    expect(mine.data!.institutions.totalCount).toBe(0);
    const theirs = await federation.query(
      `{ institutions(filter: { regionCode: "630103" }) { totalCount } }`,
      {},
      chengdongOfficer,
    );
    expect(theirs.errors![0].extensions?.code).toBe('FORBIDDEN');
  });

  it('applies the same rule to _entities called on the subgraph directly', async () => {
    const reps = [{ __typename: 'Institution', id: chengzhongInstitution }];
    const headers = (token: string) => ({
      'x-subgraph-secret': TEST_SUBGRAPH_SECRET,
      authorization: `Bearer ${token}`,
    });
    const refused = await postGraphQL(
      federation.subgraphUrls.registry,
      ENTITIES,
      { reps },
      headers(chengdongOfficer),
    );
    expect(refused.errors![0].extensions?.code).toBe('FORBIDDEN');
    const allowed = await postGraphQL<{ _entities: { id: string }[] }>(
      federation.subgraphUrls.registry,
      ENTITIES,
      { reps },
      headers(chengzhongOfficer),
    );
    expect(allowed.data!._entities[0].id).toBe(chengzhongInstitution);
  });

  it('refuses a request straight to the subgraph without the gateway secret', async () => {
    const direct = await postGraphQL(
      federation.subgraphUrls.registry,
      INSTITUTION,
      { id: chengzhongInstitution },
      { authorization: `Bearer ${chengzhongOfficer}` },
    );
    expect(direct.status).toBe(403);
    expect(direct.errors![0].extensions?.code).toBe('FORBIDDEN');
    expect(direct.data).toBeUndefined();
  });

  it('needs the write scope to change anything', async () => {
    const reader = await tokenFor({ scopes: ['review:decide'], regionCode: QINGHAI.chengzhong });
    const result = await federation.query(
      RECORD_LICENCE,
      {
        input: {
          institutionId: chengzhongInstitution,
          type: 'SCHOOL_PERMIT',
          number: 'R-1',
          issuedBy: '城中区教育局',
          issuedOn: '2025-01-01',
        },
      },
      reader,
    );
    expect(result.errors![0].extensions?.code).toBe('FORBIDDEN');
    const db = new Client({ connectionString: federation.db.url });
    await db.connect();
    const { rowCount } = await db.query(`SELECT 1 FROM registry.licence WHERE institution_id = $1`, [
      chengzhongInstitution,
    ]);
    await db.end();
    expect(rowCount).toBe(0);
  });
});
