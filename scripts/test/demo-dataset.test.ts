import { creditCodeProblem } from '@jianguan/platform';
import {
  allocateByCounty,
  datasetStats,
  generateQinghaiDataset,
  shortPlaceName,
  type DemoCounty,
} from '@jianguan/tools';
import { demoScenario, surveyedInstitutions } from '../demo/scenario';

/** A few real Qinghai counties with some of their townships and grids. */
const COUNTIES: DemoCounty[] = [
  {
    code: '630102',
    name: '城东区',
    cityCode: '6301',
    cityName: '西宁市',
    towns: [
      { code: '630102001', name: '东关大街街道', grids: [{ code: '630102001001', name: '北关社区居委会' }] },
      { code: '630102003', name: '八一路街道', grids: [] },
    ],
  },
  {
    code: '630121',
    name: '大通回族土族自治县',
    cityCode: '6301',
    cityName: '西宁市',
    towns: [{ code: '630121100', name: '桥头镇', grids: [{ code: '630121100001', name: '东街社区居委会' }] }],
  },
  { code: '632722', name: '杂多县', cityCode: '6327', cityName: '玉树藏族自治州', towns: [] },
];

test('the same counties, size and seed give the same data set; another seed another one', () => {
  const a = generateQinghaiDataset({ counties: COUNTIES, size: 200, seed: 7 });
  const b = generateQinghaiDataset({ counties: [...COUNTIES].reverse(), size: 200, seed: 7 });
  const c = generateQinghaiDataset({ counties: COUNTIES, size: 200, seed: 8 });
  expect(b.institutions).toEqual(a.institutions);
  expect(c.institutions.map((i) => i.creditCode)).not.toEqual(a.institutions.map((i) => i.creditCode));
});

test('every institution has a valid, unique credit code of its county, a unique name and a region in its county', () => {
  const { institutions } = generateQinghaiDataset({ counties: COUNTIES, size: 1000 });
  expect(institutions).toHaveLength(1000);
  for (const institution of institutions) {
    expect(creditCodeProblem(institution.creditCode)).toBeUndefined();
    expect(institution.creditCode.slice(2, 8)).toBe(institution.countyCode);
    expect(institution.regionCode.startsWith(institution.countyCode)).toBe(true);
    expect(institution.address.startsWith('青海省')).toBe(true);
  }
  expect(new Set(institutions.map((i) => i.creditCode)).size).toBe(1000);
  expect(new Set(institutions.map((i) => i.name)).size).toBe(1000);
  expect(institutions.find((i) => i.kind === 'OFFLINE')?.name).toMatch(
    /(培训中心|培训学校|培训部|学校)(（\d+部）)?$/u,
  );
  expect(institutions.find((i) => i.kind === 'ONLINE')?.name).toMatch(/在线教育科技有限公司/u);
});

test('the mix is realistic: mostly complete and offline, some incomplete, a few unlicensed and closed', () => {
  const { institutions } = generateQinghaiDataset({ counties: COUNTIES, size: 3000 });
  const stats = datasetStats(institutions);
  expect(stats.total).toBe(3000);
  expect(stats.complete / stats.total).toBeGreaterThan(0.6);
  expect(stats.incomplete / stats.total).toBeGreaterThan(0.15);
  expect(stats.none).toBeGreaterThan(50);
  expect(stats.online / stats.total).toBeGreaterThan(0.05);
  expect(stats.online / stats.total).toBeLessThan(0.2);
  expect(stats.notOnNationalPlatform).toBeGreaterThan(100);
  expect(institutions.filter((i) => i.survey.finding !== 'OPERATING').length).toBeGreaterThan(30);
  // Unlicensed means no licence at all; complete means every one of rule set 2021-07.
  for (const i of institutions) {
    if (i.expectedCertificateStatus === 'NONE') expect(i.licences).toEqual([]);
    if (i.expectedCertificateStatus === 'COMPLETE') expect(i.expectedMissing).toEqual([]);
  }
});

test('urban districts get more institutions, and every county at least one', () => {
  expect(allocateByCounty(COUNTIES, 110)).toEqual([72, 28, 10]);
  expect(allocateByCounty(COUNTIES, 3)).toEqual([1, 1, 1]);
  expect(allocateByCounty(COUNTIES, 2).reduce((a, b) => a + b, 0)).toBe(2);
});

test('short place names drop the township suffix', () => {
  expect(shortPlaceName('东关大街街道')).toBe('东关大街');
  expect(shortPlaceName('多巴镇')).toBe('多巴');
  expect(shortPlaceName('群加藏族乡')).toBe('群加藏族');
  expect(shortPlaceName('乡')).toBe('乡');
});

test('the scenario gives every part to a different, suitable institution, and watched deadlines minutes apart', () => {
  const dataset = generateQinghaiDataset({ counties: COUNTIES, size: 600 });
  const scenario = demoScenario(dataset);
  const parts = [
    ...scenario.watched.map((w) => w.institution),
    ...scenario.applications.map((a) => a.institution),
    ...scenario.filings.map((f) => f.institution),
    ...scenario.rectified,
    scenario.banned!,
    scenario.fined!,
  ];
  expect(new Set(parts.map((i) => i.index)).size).toBe(parts.length);
  expect(scenario.watched).toHaveLength(12);
  expect(scenario.watched.map((w) => w.deadlineMinutes)).toEqual([
    3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25,
  ]);
  expect(scenario.watched.every((w) => w.institution.expectedCertificateStatus !== 'COMPLETE')).toBe(true);
  expect(new Set(scenario.applications.map((a) => a.state))).toEqual(
    new Set(['SUBMITTED', 'UNDER_REVIEW', 'MATERIALS_REQUESTED', 'APPROVED', 'REJECTED']),
  );
  expect(scenario.applications.every((a) => a.institution.expectedMissing.join() === 'SCHOOL_PERMIT')).toBe(
    true,
  );
  expect(scenario.filings.every((f) => f.institution.kind === 'ONLINE')).toBe(true);
  expect(scenario.banned?.expectedCertificateStatus).toBe('NONE');
  expect(surveyedInstitutions(dataset, scenario)).toHaveLength(600 - 12);
});
