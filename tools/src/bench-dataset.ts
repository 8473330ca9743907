/**
 * The benchmarks' Qinghai data set (bench/): deterministic institutions spread over Qinghai's counties,
 * the same every run so results compare across runs. Simpler than the demo's generator
 * (./qinghai/generator.ts) and kept apart from it: changing it would change what every recorded
 * benchmark measured.
 */
import { creditCodeCheckCharacter, CREDIT_CODE_ALPHABET } from '@jianguan/platform';

export interface BenchCounty {
  code: string;
  name: string;
}

export interface BenchInstitution {
  name: string;
  creditCode: string;
  kind: 'OFFLINE' | 'ONLINE';
  category: 'SUBJECT' | 'NON_SUBJECT';
  regionCode: string;
  address: string;
}

const BRANDS = [
  '启航',
  '博雅',
  '育才',
  '星光',
  '明德',
  '新知',
  '优学',
  '致远',
  '卓越',
  '阳光',
  '智慧',
  '青苗',
  '昆仑',
  '高原',
  '三江',
  '湟水',
];
const SUBJECTS = [
  '数学',
  '英语',
  '语文',
  '物理',
  '化学',
  '美术',
  '音乐',
  '舞蹈',
  '编程',
  '书法',
  '围棋',
  '体育',
];
const NON_SUBJECT = new Set(['美术', '音乐', '舞蹈', '编程', '书法', '围棋', '体育']);
const SUFFIXES = ['培训学校', '培训中心', '教育咨询有限公司', '艺术培训部'];
const STREETS = ['昆仑路', '五四大街', '七一路', '长江路', '黄河路', '柴达木路', '海湖大道', '同仁路'];

/** Query terms that hit this data set: name fragments (2+ characters) and pinyin (initials or full). */
export const BENCH_LOOKUP_TERMS = {
  fragments: [...BRANDS.flatMap((b) => [b, `${b}数学`, `${b}英语`]), '培训学校', '艺术培训', '编程培训'],
  pinyin: [
    'qh',
    'bypx',
    'yc',
    'xgsx',
    'mdyy',
    'zyms',
    'kunlun',
    'gaoyuan',
    'sanjiang',
    'yangguang',
    'zhihui',
    'qm',
  ],
};

function creditCode(county: string, serial: number): string {
  let n = serial + 7_777; // away from other generators' low serials
  let org = '';
  for (let i = 0; i < 9; i++) {
    org = CREDIT_CODE_ALPHABET[n % 31] + org;
    n = Math.floor(n / 31);
  }
  const first17 = `52${county}${org}`;
  return first17 + creditCodeCheckCharacter(first17);
}

/** Institution `i` of the data set: the same every run. */
export function benchInstitution(i: number, counties: BenchCounty[]): BenchInstitution {
  const county = counties[i % counties.length];
  const brand = BRANDS[Math.floor(i / counties.length) % BRANDS.length];
  const subject = SUBJECTS[(i * 7) % SUBJECTS.length];
  const suffix = SUFFIXES[(i * 3) % SUFFIXES.length];
  const shortCounty = county.name.replace(/(自治县|县|区|市)$/, '');
  return {
    name: `${shortCounty}${brand}${subject}${suffix}${Math.floor(i / (counties.length * BRANDS.length)) || ''}`,
    creditCode: creditCode(county.code, i),
    kind: i % 5 === 0 ? 'ONLINE' : 'OFFLINE',
    category: NON_SUBJECT.has(subject) ? 'NON_SUBJECT' : 'SUBJECT',
    regionCode: county.code,
    address: `${county.name}${STREETS[i % STREETS.length]}${(i % 300) + 1}号`,
  };
}

export function benchInstitutions(count: number, counties: BenchCounty[]): BenchInstitution[] {
  return Array.from({ length: count }, (_, i) => benchInstitution(i, counties));
}
