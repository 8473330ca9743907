import DataLoader from 'dataloader';
import { rowByKey, rowsGroupedByKey } from '@jianguan/platform';
import { In, type DataSource } from 'typeorm';
import { InstitutionEntity } from './entities/institution.entity';
import { LicenceEntity } from './entities/licence.entity';
import { RegionEntity } from './entities/region.entity';
import { SurveyRecordEntity } from './entities/survey-record.entity';
import { institutionStatsFor, type InstitutionStats } from './queries/institution-stats';

/** One set per request: every list of institutions costs one query per relation, whatever its length. */
export function createLoaders(dataSource: DataSource) {
  return {
    institutionStats: new DataLoader<string, InstitutionStats>((codes) =>
      institutionStatsFor(dataSource, codes),
    ),
    institution: new DataLoader<string, InstitutionEntity | null>(async (ids) =>
      rowByKey(
        ids,
        await dataSource.getRepository(InstitutionEntity).findBy({ id: In([...ids]) }),
        (i) => i.id,
      ),
    ),
    region: new DataLoader<string, RegionEntity | null>(async (codes) =>
      rowByKey(
        codes,
        await dataSource.getRepository(RegionEntity).findBy({ code: In([...codes]) }),
        (r) => r.code,
      ),
    ),
    regionChildren: new DataLoader<string, RegionEntity[]>(async (codes) =>
      rowsGroupedByKey(
        codes,
        await dataSource.getRepository(RegionEntity).find({
          where: { parentCode: In([...codes]) },
          order: { code: 'ASC' },
        }),
        (r) => r.parentCode!,
      ),
    ),
    licences: new DataLoader<string, LicenceEntity[]>(async (ids) =>
      rowsGroupedByKey(
        ids,
        await dataSource.getRepository(LicenceEntity).find({
          where: { institutionId: In([...ids]) },
          order: { issuedOn: 'ASC' },
        }),
        (l) => l.institutionId,
      ),
    ),
    surveys: new DataLoader<string, SurveyRecordEntity[]>(async (ids) =>
      rowsGroupedByKey(
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
