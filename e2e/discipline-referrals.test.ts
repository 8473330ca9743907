/**
 * Issue 18, point 5: a province or city official refers a region, a unit or named officials to
 * discipline inspection by hand, with the facts and the evidence; inspectors find it in their list.
 */
import { QINGHAI, tokenFor } from '@jianguan/testing';
import { registryService } from '@jianguan/registry';
import { enforcementService } from '@jianguan/enforcement';
import { useFederationStack } from './support/stack';

const { federation } = useFederationStack({ services: [registryService, enforcementService] });

const REFER = `mutation Refer($input: DisciplineReferralInput!) {
  referToDiscipline(input: $input) {
    id source regionCode responsibleUnit officers reason evidence referredByName order { id } institution { id }
  }
}`;
const REFERRALS = `query Referrals($regionCode: String) {
  disciplineReferrals(regionCode: $regionCode) {
    totalCount
    edges { node { id source responsibleUnit officers reason evidence referredByName } }
  }
}`;

const referral = {
  regionCode: '630102000000',
  responsibleUnit: '西宁市城东区教育局',
  officers: ['张某（城东区教育局副局长）'],
  facts: '2026 年 11 月督查发现，城东区对群众举报的 3 家无证培训机构连续两个月未作处理。',
  evidence: ['青教督〔2026〕12 号督查通报', '举报受理登记表 2026-1107'],
};

it('a province official refers a county unit and its officials, and inspectors read it with the facts', async () => {
  const province = await tokenFor({
    scopes: ['enforcement:write'],
    regionCode: QINGHAI.province,
    name: '省教育厅督查员',
  });
  const result = await federation.query<{ referToDiscipline: Record<string, unknown> }>(
    REFER,
    { input: referral },
    province,
  );
  expect(result.errors).toBeUndefined();
  expect(result.data!.referToDiscipline).toMatchObject({
    source: 'MANUAL',
    regionCode: QINGHAI.chengdong,
    responsibleUnit: referral.responsibleUnit,
    officers: referral.officers,
    reason: referral.facts,
    evidence: referral.evidence,
    referredByName: '省教育厅督查员',
    order: null,
    institution: null,
  });

  const inspector = await tokenFor({ scopes: ['discipline:read'], regionCode: QINGHAI.province });
  const list = await federation.query<{
    disciplineReferrals: {
      totalCount: number;
      edges: { node: { id: string; source: string; evidence: string[] } }[];
    };
  }>(REFERRALS, { regionCode: '630100' }, inspector);
  expect(list.errors).toBeUndefined();
  expect(list.data!.disciplineReferrals.edges.map((e) => e.node)).toContainEqual(
    expect.objectContaining({
      id: (result.data!.referToDiscipline as { id: string }).id,
      source: 'MANUAL',
      evidence: referral.evidence,
    }),
  );
});

it('a city official may refer within its city; a county official may not refer at all', async () => {
  const city = await tokenFor({ scopes: ['enforcement:write'], regionCode: QINGHAI.xining });
  const byCity = await federation.query(REFER, { input: { ...referral, officers: [] } }, city);
  expect(byCity.errors).toBeUndefined();
  const county = await tokenFor({ scopes: ['enforcement:write'], regionCode: QINGHAI.chengdong });
  const byCounty = await federation.query(REFER, { input: referral }, county);
  expect(byCounty.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  expect(byCounty.errors?.[0].message).toBe('仅省级、市级主管部门可移送纪检监察机关');
});

it('refuses a referral without evidence, naming the field', async () => {
  const province = await tokenFor({ scopes: ['enforcement:write'], regionCode: QINGHAI.province });
  const result = await federation.query(REFER, { input: { ...referral, evidence: [] } }, province);
  expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'evidence' });
});
