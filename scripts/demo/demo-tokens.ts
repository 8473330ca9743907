/** The people of the demo and their tokens, signed with the running stack's JWT keys. */
import { signToken, type Claims, type SigningKey } from '@jianguan/platform';
import type { DemoCounty } from '@jianguan/tools';

export const PROVINCE = '63';

export const DEMO_PEOPLE = {
  admin: { sub: 'demo-admin', name: '演示管理员', scopes: ['admin'], regionCode: PROVINCE },
  enforcementOfficer: {
    sub: 'demo-enforcement-officer',
    name: '青海省教育厅执法督查员',
    scopes: ['enforcement:write', 'enforcement:read'],
    regionCode: PROVINCE,
  },
  reviewer: {
    sub: 'demo-reviewer',
    name: '青海省教育厅审批处审核员',
    scopes: ['review:decide', 'review:read'],
    regionCode: PROVINCE,
  },
  screener: {
    sub: 'demo-screener',
    name: '青海省教育厅线上培训备案审查员',
    scopes: ['filing:screen', 'filing:read'],
    regionCode: PROVINCE,
  },
  disciplineInspector: {
    sub: 'demo-discipline-inspector',
    name: '省纪委监委驻教育厅纪检监察组',
    scopes: ['discipline:read'],
    regionCode: PROVINCE,
  },
} satisfies Record<string, Claims>;

export const gridWorker = (county: Pick<DemoCounty, 'code' | 'name'>): Claims => ({
  sub: `demo-grid-worker-${county.code}`,
  name: `${county.name}网格员`,
  scopes: ['registry:write', 'registry:survey'],
  regionCode: county.code,
});

export const institutionUser = (institution: { id: string; regionCode: string; name: string }): Claims => ({
  sub: `demo-institution-${institution.id}`,
  name: `${institution.name}（机构账号）`,
  scopes: [],
  regionCode: institution.regionCode,
  institutionId: institution.id,
});

/** Signs tokens for the demo, caching them (a token per person is enough for a demo run). */
export function demoTokens(keys: SigningKey, expiresIn = '12h') {
  const cache = new Map<string, Promise<string>>();
  return (claims: Claims) => {
    const key = JSON.stringify(claims);
    let token = cache.get(key);
    if (!token) {
      token = signToken(keys, claims, expiresIn);
      cache.set(key, token);
    }
    return token;
  };
}
