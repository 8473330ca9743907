/**
 * Issue 18, point 2: officials write region codes as GB/T 2260 (Qinghai 630000, Xining 630100) or as
 * 9- and 12-digit statistical codes; the graph takes every form, answers with its prefix code and
 * the standard code, and names the argument when a code is no division at all.
 */
import { QINGHAI, tokenFor } from '@jianguan/testing';
import { registerInstitution } from './support/registry-operations';
import { useFederationStack } from './support/stack';

const { federation } = useFederationStack();
let provinceOfficial: string;

const REGION = `query Region($code: String!) { region(code: $code) { code standardCode name level } }`;
const INSTITUTIONS = `query Ledger($regionCode: String) {
  institutions(filter: { regionCode: $regionCode }) { totalCount edges { node { name } } }
}`;

beforeAll(async () => {
  provinceOfficial = await tokenFor({ scopes: ['registry:write'], regionCode: QINGHAI.province });
  await registerInstitution(federation, provinceOfficial, {
    name: '城东区标准代码培训学校',
    regionCode: QINGHAI.beiguanCommunity,
    address: '北关街 8 号',
  });
  await registerInstitution(federation, provinceOfficial, {
    name: '海东市标准代码培训学校',
    regionCode: '630202',
    address: '乐都区碾伯镇 1 号',
  });
});

it.each([
  ['630000', '63', '630000', 'PROVINCE'],
  ['630100', '6301', '630100', 'CITY'],
  ['630100000000', '6301', '630100', 'CITY'],
  ['630102000', '630102', '630102', 'COUNTY'],
  ['6301', '6301', '630100', 'CITY'],
  ['630102001001', '630102001001', '630102001001', 'VILLAGE'],
])('region(code: "%s") is %s, standard code %s', async (asked, code, standardCode, level) => {
  const result = await federation.query<{ region: { code: string; standardCode: string; level: string } }>(
    REGION,
    { code: asked },
    provinceOfficial,
  );
  expect(result.errors).toBeUndefined();
  expect(result.data!.region).toMatchObject({ code, standardCode, level });
});

it('names the argument when a code is malformed or names no division', async () => {
  for (const code of ['63010', '639900']) {
    const result = await federation.query(REGION, { code }, provinceOfficial);
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
  }
});

it('filters the ledger by a GB/T 2260 city code as by its prefix', async () => {
  const byStandard = await federation.query<{
    institutions: { totalCount: number; edges: { node: { name: string } }[] };
  }>(INSTITUTIONS, { regionCode: '630100' }, provinceOfficial);
  const byPrefix = await federation.query<{ institutions: { totalCount: number } }>(
    INSTITUTIONS,
    { regionCode: QINGHAI.xining },
    provinceOfficial,
  );
  expect(byStandard.errors).toBeUndefined();
  expect(byStandard.data!.institutions.edges.map((e) => e.node.name)).toEqual(['城东区标准代码培训学校']);
  expect(byStandard.data!.institutions.totalCount).toBe(byPrefix.data!.institutions.totalCount);
});
