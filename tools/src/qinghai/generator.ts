/**
 * A realistic, deterministic data set of off-campus training institutions in Qinghai (青海省), for the
 * demo (`pnpm start --demo`) and the benchmarks. Pure functions: the same counties, size and seed give
 * the same institutions, names, credit codes, licences and survey findings, on any machine.
 *
 * The counties (with their townships and communities/villages, which become the grids) come from the
 * registry's region tree — see `fetchCounties` in scripts/demo/region-tree.ts, or `qinghaiCounties` in
 * ./survey-file.ts. Licence numbers stay unique at any size (the 2018 national survey size included).
 * The types are in ./model.ts, the words names are made of in ./names.ts, codes and licences in
 * ./licences.ts.
 */
import {
  DEFAULT_DEMO_SEED,
  DEFAULT_DEMO_SIZE,
  type DemoCounty,
  type DemoDataset,
  type DemoInstitution,
  type InstitutionCategory,
  type InstitutionKind,
  type InstitutionProfile,
  type SurveyFinding,
} from './model';
import {
  BRANDS,
  NON_SUBJECT_FIELDS,
  OFFLINE_SUFFIXES,
  shortPlaceName,
  STREETS,
  SUBJECT_FIELDS,
  SURVEY_NOTES,
} from './names';
import {
  demoCreditCode,
  expectedCertificates,
  LICENCE_FOR_REQUIREMENT,
  licenceFor,
  requiredLicences,
} from './licences';

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

function chooseProfile(random: () => number): InstitutionProfile {
  const r = random();
  if (r < 0.7) return 'COMPLETE';
  if (r < 0.85) return 'MISSING_LICENCE';
  if (r < 0.93) return 'NOT_ON_PLATFORM';
  if (r < 0.97) return 'UNLICENSED';
  return 'CLOSED';
}

/** The data set: `size` institutions over the counties, in county order. */
// Long on purpose (~95 lines): one seeded random stream draws every institution in turn, so the
// draws must stay in this order for the data set to stay the same for a seed; the pieces it draws
// from (names, licences, survey notes) are the tables above.
// eslint-disable-next-line max-lines-per-function -- the reason is the comment above
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
