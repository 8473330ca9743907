import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { InstitutionEntity } from './entities/institution.entity';
import { LicenceEntity } from './entities/licence.entity';
import { RegionEntity } from './entities/region.entity';
import { SurveyRecordEntity } from './entities/survey-record.entity';
import { institutionStatsFor, type InstitutionStats } from './queries/institution-stats';

/** Groups rows by a key in the order DataLoader asked for them. */
function groupBy<T, K>(keys: readonly K[], rows: T[], keyOf: (row: T) => K): T[][] {
  const groups = new Map<K, T[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key) ?? []);
}

function byKey<T, K>(keys: readonly K[], rows: T[], keyOf: (row: T) => K): (T | null)[] {
  const found = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => found.get(key) ?? null);
}

/** One set per request: every list of institutions costs one query per relation, whatever its length. */
export function createLoaders(dataSource: DataSource) {
  return {
    institutionStats: new DataLoader<string, InstitutionStats>((codes) =>
      institutionStatsFor(dataSource, codes),
    ),
    institution: new DataLoader<string, InstitutionEntity | null>(async (ids) =>
      byKey(ids, await dataSource.getRepository(InstitutionEntity).findBy({ id: In([...ids]) }), (i) => i.id),
    ),
    region: new DataLoader<string, RegionEntity | null>(async (codes) =>
      byKey(
        codes,
        await dataSource.getRepository(RegionEntity).findBy({ code: In([...codes]) }),
        (r) => r.code,
      ),
    ),
    regionChildren: new DataLoader<string, RegionEntity[]>(async (codes) =>
      groupBy(
        codes,
        await dataSource.getRepository(RegionEntity).find({
          where: { parentCode: In([...codes]) },
          order: { code: 'ASC' },
        }),
        (r) => r.parentCode!,
      ),
    ),
    licences: new DataLoader<string, LicenceEntity[]>(async (ids) =>
      groupBy(
        ids,
        await dataSource.getRepository(LicenceEntity).find({
          where: { institutionId: In([...ids]) },
          order: { issuedOn: 'ASC' },
        }),
        (l) => l.institutionId,
      ),
    ),
    surveys: new DataLoader<string, SurveyRecordEntity[]>(async (ids) =>
      groupBy(
        ids,
        await dataSource.getRepository(SurveyRecordEntity).find({
          where: { institutionId: In([...ids]) },
          order: { surveyedAt: 'DESC' },
        }),
        (s) => s.institutionId,
      ),
    ),
  };
}
export type RegistryLoaders = ReturnType<typeof createLoaders>;
