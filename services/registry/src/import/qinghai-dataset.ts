/**
 * A realistic, deterministic data set of off-campus training institutions in Qinghai (青海省), for the
 * demo (`pnpm start --demo`) and the benchmarks. Pure functions: the same counties, size and seed give
 * the same institutions, names, credit codes, licences and survey findings, on any machine.
 *
 * The counties (with their townships and communities/villages, which become the grids) come from the
 * registry's region tree — see `fetchCounties` in scripts/demo/region-tree.ts, or `qinghaiCounties` in
 * ./seed.ts. Licence numbers stay unique at any size (the 2018 national survey size included).
 */
import { creditCodeCheckCharacter, CREDIT_CODE_ALPHABET } from '@jianguan/platform';

export interface DemoGrid {
  code: string;
  name: string;
}

export interface DemoTown {
  code: string;
  name: string;
  /** Communities / villages of the township (the grid workers' grids); may be empty. */
  grids: DemoGrid[];
}

export interface DemoCounty {
  code: string;
  name: string;
  cityCode: string;
  cityName: string;
  towns: DemoTown[];
}

export type InstitutionKind = 'OFFLINE' | 'ONLINE';
export type InstitutionCategory = 'SUBJECT' | 'NON_SUBJECT';
export type LicenceType =
  | 'SCHOOL_PERMIT'
  | 'BUSINESS_LICENCE'
  | 'PRIVATE_NON_ENTERPRISE_CERTIFICATE'
  | 'FIRE_SAFETY_CLEARANCE'
  | 'ICP_FILING'
  | 'TELECOM_LICENCE'
  | 'NETWORK_SECURITY_LEVEL_PROTECTION';
export type CertificateStatus = 'COMPLETE' | 'INCOMPLETE' | 'NONE';
export type SurveyFinding = 'OPERATING' | 'CLOSED' | 'NOT_FOUND';

/** What the generator decided an institution is like; the registry computes the same status itself. */
export type InstitutionProfile = 'COMPLETE' | 'MISSING_LICENCE' | 'NOT_ON_PLATFORM' | 'UNLICENSED' | 'CLOSED';

export interface DemoLicence {
  type: LicenceType;
  number: string;
  issuedBy: string;
  /** YYYY-MM-DD */
  issuedOn: string;
  /** YYYY-MM-DD, or null when it does not expire; always far enough ahead to be valid in the demo. */
  validUntil: string | null;
}

export interface DemoInstitution {
  /** Position in the data set (0-based); stable for a given seed and size. */
  index: number;
  name: string;
  creditCode: string;
  kind: InstitutionKind;
  category: InstitutionCategory;
  countyCode: string;
  /** The grid (12-digit community/village) or, where a township has none, the township (9 digits). */
  regionCode: string;
  address: string;
  onNationalPlatform: boolean;
  profile: InstitutionProfile;
  licences: DemoLicence[];
  /** What the registry's rule set (2021-07) makes of the licences and platform membership. */
  expectedCertificateStatus: CertificateStatus;
  /** The requirements the registry will report missing (rule set 2021-07). */
  expectedMissing: string[];
  survey: { finding: SurveyFinding; daysAgo: number; notes: string | null };
}

export interface DemoDataset {
  seed: number;
  counties: DemoCounty[];
  institutions: DemoInstitution[];
}

export const DEFAULT_DEMO_SIZE = 3000;
export const DEFAULT_DEMO_SEED = 63;

/** mulberry32: a small, fast, seedable PRNG; good enough for plausible data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)];

const BRANDS = [
  '启航',
  '明德',
  '博雅',
  '育才',
  '智慧树',
  '星火',
  '阳光',
  '英才',
  '优学',
  '金钥匙',
  '蓝天',
  '雪域',
  '昆仑',
  '青湖',
  '河湟',
  '春晖',
  '书香',
  '卓越',
  '睿思',
  '乐学',
  '童心',
  '彩虹',
  '天骄',
  '格桑花',
  '三江源',
  '湟水',
  '高原红',
  '柴达木',
  '日月山',
  '鸿鹄',
  '知行',
  '致远',
  '弘毅',
  '新航道',
  '小树苗',
] as const;
const SUBJECT_FIELDS = ['数学', '英语', '语文', '作文', '物理', '化学', '学科辅导', '文化课'] as const;
const NON_SUBJECT_FIELDS = [
  '艺术',
  '美术',
  '舞蹈',
  '音乐',
  '钢琴',
  '书法',
  '围棋',
  '跆拳道',
  '篮球',
  '编程',
  '机器人',
  '口才',
  '唐卡绘画',
  '民族舞',
  '轮滑',
  '科技',
] as const;
const OFFLINE_SUFFIXES = ['培训中心', '培训学校', '培训部', '学校'] as const;
const STREETS = [
  '建设路',
  '人民路',
  '长江路',
  '五四大街',
  '昆仑路',
  '七一路',
  '西关大街',
  '南山路',
  '柴达木路',
  '黄河路',
  '八一路',
  '文化街',
  '团结路',
  '胜利路',
  '康乐路',
  '互助路',
  '湟光路',
  '海湖路',
] as const;

/** The first two characters name the registering department and organisation type (GB 32100). */
const REGISTRATION_TYPE = { OFFLINE_NON_ENTERPRISE: '52', ENTERPRISE: '91' } as const;

/** "东关大街街道" → "东关大街", "多巴镇" → "多巴": the short place name people put in a school's name. */
export function shortPlaceName(name: string): string {
  const short = name.replace(/(街道办事处|街道|民族乡|地区|镇|乡|办事处)$/u, '');
  return short.length >= 2 ? short : name;
}

const ORG_SPACE = 31n ** 9n;
/** An odd multiplier not divisible by 31, so index → organisation code is one-to-one below 31^9. */
const ORG_MULTIPLIER = 2654435761n;

/** The 9-character organisation part of a credit code: unique per (seed, index), deterministic. */
function organisationCode(seed: number, index: number): string {
  let n = (BigInt(index) * ORG_MULTIPLIER + BigInt(seed) * 1_000_003n) % ORG_SPACE;
  let code = '';
  for (let i = 0; i < 9; i++) {
    code = CREDIT_CODE_ALPHABET[Number(n % 31n)] + code;
    n /= 31n;
  }
  return code;
}

/** A valid GB 32100 unified social credit code for the institution. */
export function demoCreditCode(seed: number, index: number, countyCode: string, kind: InstitutionKind) {
  const type = kind === 'OFFLINE' ? REGISTRATION_TYPE.OFFLINE_NON_ENTERPRISE : REGISTRATION_TYPE.ENTERPRISE;
  const first17 = `${type}${countyCode.slice(0, 6)}${organisationCode(seed, index)}`;
  return first17 + creditCodeCheckCharacter(first17);
}

/**
 * How many institutions each county gets: urban districts of Xining more, the herding counties of
 * the plateau fewer, every county at least one when the size allows (largest remainder).
 */
export function allocateByCounty(counties: DemoCounty[], size: number): number[] {
  const weight = (county: DemoCounty) =>
    county.cityCode === '6301' ? (county.name.endsWith('区') ? 8 : 3) : county.cityCode === '6302' ? 2 : 1;
  const total = counties.reduce((sum, county) => sum + weight(county), 0);
  const base = size >= counties.length ? 1 : 0;
  const rest = size - base * counties.length;
  const shares = counties.map((county) => (rest * weight(county)) / total);
  const counts = shares.map((share) => base + Math.floor(share));
  let missing = size - counts.reduce((sum, n) => sum + n, 0);
  const byRemainder = shares
    .map((share, i) => ({ i, remainder: share - Math.floor(share) }))
    .sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  for (const { i } of byRemainder) {
    if (missing <= 0) break;
    counts[i] += 1;
    missing -= 1;
  }
  return counts;
}

/** Licence requirements of rule set 2021-07, as the registry applies them. */
function requiredLicences(kind: InstitutionKind, category: InstitutionCategory): string[] {
  if (kind === 'OFFLINE') return ['SCHOOL_PERMIT', 'LEGAL_PERSON_REGISTRATION', 'FIRE_SAFETY_CLEARANCE'];
  const online = ['LEGAL_PERSON_REGISTRATION', 'ICP_FILING', 'NETWORK_SECURITY_LEVEL_PROTECTION'];
  return category === 'SUBJECT' ? ['SCHOOL_PERMIT', ...online, 'TELECOM_LICENCE'] : online;
}

const LICENCE_FOR_REQUIREMENT = (requirement: string, kind: InstitutionKind): LicenceType => {
  if (requirement === 'LEGAL_PERSON_REGISTRATION') {
    return kind === 'OFFLINE' ? 'PRIVATE_NON_ENTERPRISE_CERTIFICATE' : 'BUSINESS_LICENCE';
  }
  return requirement as LicenceType;
};

/** What the registry computes (rule set 2021-07): the certificate status and the missing requirements. */
export function expectedCertificates(
  kind: InstitutionKind,
  category: InstitutionCategory,
  onNationalPlatform: boolean,
  held: readonly LicenceType[],
): { status: CertificateStatus; missing: string[] } {
  const has = new Set(held);
  const missing = requiredLicences(kind, category).filter((requirement) =>
    requirement === 'LEGAL_PERSON_REGISTRATION'
      ? !has.has('BUSINESS_LICENCE') && !has.has('PRIVATE_NON_ENTERPRISE_CERTIFICATE')
      : !has.has(requirement as LicenceType),
  );
  if (!onNationalPlatform) missing.push('NATIONAL_PLATFORM');
  const status: CertificateStatus =
    has.size === 0 ? 'NONE' : missing.length === 0 ? 'COMPLETE' : 'INCOMPLETE';
  return { status, missing };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

function licenceFor(
  type: LicenceType,
  institution: { index: number; creditCode: string; countyCode: string },
  county: DemoCounty,
  random: () => number,
): DemoLicence {
  const year = 2019 + Math.floor(random() * 7);
  const issuedOn = `${year}-${pad(1 + Math.floor(random() * 12), 2)}-${pad(1 + Math.floor(random() * 28), 2)}`;
  const serial = pad(institution.index + 1, 5);
  switch (type) {
    case 'SCHOOL_PERMIT':
      return {
        type,
        number: `教民${institution.countyCode}${year}${serial}号`,
        issuedBy: `${county.name}教育局`,
        issuedOn,
        validUntil: `${Math.max(year + 6, 2032)}-12-31`,
      };
    case 'PRIVATE_NON_ENTERPRISE_CERTIFICATE':
      return {
        type,
        number: institution.creditCode,
        issuedBy: `${county.name}民政局`,
        issuedOn,
        validUntil: null,
      };
    case 'BUSINESS_LICENCE':
      return {
        type,
        number: institution.creditCode,
        issuedBy: `${county.name}市场监督管理局`,
        issuedOn,
        validUntil: null,
      };
    case 'FIRE_SAFETY_CLEARANCE':
      return {
        type,
        number: `青消安检字〔${year}〕第${serial}号`,
        issuedBy: `${county.name}消防救援大队`,
        issuedOn,
        validUntil: null,
      };
    case 'ICP_FILING':
      return {
        type,
        number: `青ICP备${year}${serial}号`,
        issuedBy: '青海省通信管理局',
        issuedOn,
        validUntil: null,
      };
    case 'TELECOM_LICENCE':
      return {
        type,
        number: `青B2-${year}${pad(institution.index, 4)}`,
        issuedBy: '青海省通信管理局',
        issuedOn,
        validUntil: '2033-12-31',
      };
    case 'NETWORK_SECURITY_LEVEL_PROTECTION':
      return {
        type,
        number: `${institution.countyCode}${pad(institution.index, 5)}-${String(year).slice(2)}001`,
        issuedBy: `${county.cityName}公安局网络安全保卫支队`,
        issuedOn,
        validUntil: null,
      };
  }
}

function chooseProfile(random: () => number): InstitutionProfile {
  const r = random();
  if (r < 0.7) return 'COMPLETE';
  if (r < 0.85) return 'MISSING_LICENCE';
  if (r < 0.93) return 'NOT_ON_PLATFORM';
  if (r < 0.97) return 'UNLICENSED';
  return 'CLOSED';
}

const SURVEY_NOTES: Record<InstitutionProfile, readonly (string | null)[]> = {
  COMPLETE: [null, '证照齐全，公示到位', '收费公示上墙'],
  MISSING_LICENCE: ['现场未能出示全部证照', '证照不全，已告知限期补办', null],
  NOT_ON_PLATFORM: ['尚未纳入全国监管平台', '已告知入驻监管平台'],
  UNLICENSED: ['无证无照办学', '现场无任何证照'],
  CLOSED: ['已停业', '人去楼空'],
};

/** The data set: `size` institutions over the counties, in county order. */
// Long on purpose (~95 lines): one seeded random stream draws every institution in turn, so the
// draws must stay in this order for the data set to stay the same for a seed; the pieces it draws
// from (names, licences, survey notes) are the tables above.
export function generateQinghaiDataset(options: {
  counties: DemoCounty[];
  size?: number;
  seed?: number;
}): DemoDataset {
  const size = options.size ?? DEFAULT_DEMO_SIZE;
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  if (!Number.isInteger(size) || size < 1)
    throw new Error(`size must be a positive whole number, not ${size}`);
  const counties = [...options.counties].sort((a, b) => a.code.localeCompare(b.code));
  if (counties.length === 0) throw new Error('no counties to put institutions in');
  const random = seededRandom(seed);
  const counts = allocateByCounty(counties, size);
  const names = new Set<string>();
  const institutions: DemoInstitution[] = [];

  counties.forEach((county, countyIndex) => {
    for (let n = 0; n < counts[countyIndex]; n++) {
      const index = institutions.length;
      const town = county.towns.length > 0 ? pick(random, county.towns) : undefined;
      const grid = town && town.grids.length > 0 ? pick(random, town.grids) : undefined;
      const regionCode = grid?.code ?? town?.code ?? county.code;
      const kind: InstitutionKind = random() < 0.1 ? 'ONLINE' : 'OFFLINE';
      const category: InstitutionCategory = random() < 0.35 ? 'SUBJECT' : 'NON_SUBJECT';
      const field = pick(random, category === 'SUBJECT' ? SUBJECT_FIELDS : NON_SUBJECT_FIELDS);
      const place = random() < 0.5 || !town ? county.name : shortPlaceName(town.name);
      const brand = pick(random, BRANDS);
      const base =
        kind === 'OFFLINE'
          ? `${place}${brand}${field}${pick(random, OFFLINE_SUFFIXES)}`
          : `青海${brand}${field}在线教育科技有限公司`;
      let name = base;
      for (let branch = 2; names.has(name); branch++) name = `${base}（${branch}部）`;
      names.add(name);

      const creditCode = demoCreditCode(seed, index, county.code, kind);
      const street = pick(random, STREETS);
      const address =
        `青海省${county.cityName === county.name ? '' : county.cityName}${county.name}` +
        `${town?.name ?? ''}${grid?.name ?? ''}${street}${1 + Math.floor(random() * 199)}号`;

      const profile = chooseProfile(random);
      const required = requiredLicences(kind, category);
      let heldRequirements = required;
      if (profile === 'UNLICENSED') heldRequirements = [];
      if (profile === 'MISSING_LICENCE') {
        // Most often the school-running permit is what is missing, as in the real campaign.
        const droppable = required.filter((r) => r !== 'LEGAL_PERSON_REGISTRATION');
        const dropped =
          required.includes('SCHOOL_PERMIT') && random() < 0.6 ? 'SCHOOL_PERMIT' : pick(random, droppable);
        heldRequirements = required.filter((r) => r !== dropped);
      }
      const onNationalPlatform =
        profile === 'NOT_ON_PLATFORM' || profile === 'UNLICENSED'
          ? false
          : profile === 'MISSING_LICENCE'
            ? random() < 0.8
            : true;
      const identity = { index, creditCode, countyCode: county.code };
      const licences = heldRequirements.map((requirement) =>
        licenceFor(LICENCE_FOR_REQUIREMENT(requirement, kind), identity, county, random),
      );
      const expected = expectedCertificates(
        kind,
        category,
        onNationalPlatform,
        licences.map((l) => l.type),
      );
      const finding: SurveyFinding =
        profile === 'CLOSED' ? (random() < 0.5 ? 'CLOSED' : 'NOT_FOUND') : 'OPERATING';
      institutions.push({
        index,
        name,
        creditCode,
        kind,
        category,
        countyCode: county.code,
        regionCode,
        address,
        onNationalPlatform,
        profile,
        licences,
        expectedCertificateStatus: expected.status,
        expectedMissing: expected.missing,
        survey: {
          finding,
          daysAgo: 1 + Math.floor(random() * 20),
          notes: pick(random, SURVEY_NOTES[profile]),
        },
      });
    }
  });
  return { seed, counties, institutions };
}

/** Counts a dashboard shows for the institutions of a region (and below), before any later change. */
export function datasetStats(institutions: readonly DemoInstitution[], regionPrefix = '63') {
  const inRegion = institutions.filter((i) => i.regionCode.startsWith(regionPrefix));
  const count = (test: (i: DemoInstitution) => boolean) => inRegion.filter(test).length;
  return {
    total: inRegion.length,
    offline: count((i) => i.kind === 'OFFLINE'),
    online: count((i) => i.kind === 'ONLINE'),
    notOnNationalPlatform: count((i) => !i.onNationalPlatform),
    complete: count((i) => i.expectedCertificateStatus === 'COMPLETE'),
    incomplete: count((i) => i.expectedCertificateStatus === 'INCOMPLETE'),
    none: count((i) => i.expectedCertificateStatus === 'NONE'),
  };
}
