import DataLoader from 'dataloader';
import { rowByKey, rowsGroupedByKey } from '@jianguan/platform';
import { Any, type DataSource } from 'typeorm';
import { InstitutionEntity } from './entities/institution.entity';
import { LicenceEntity } from './entities/licence.entity';
import { RegionEntity } from './entities/region.entity';
import { SurveyRecordEntity } from './entities/survey-record.entity';
import { institutionStatsFor, type InstitutionStats } from './queries/institution-stats';

/**
 * One set per request: every list of institutions costs one query per relation, whatever its length.
 * Keys go as one array parameter (`= ANY($1)`): TypeORM's In() makes a parameter per key, and
 * building those showed in every subgraph's CPU profile once the gateway merged requests' entities.
 */
export function createLoaders(dataSource: DataSource) {
  return {
    institutionStats: new DataLoader<string, InstitutionStats>((codes) =>
      institutionStatsFor(dataSource, codes),
    ),
    institution: new DataLoader<string, InstitutionEntity | null>(async (ids) =>
      rowByKey(
        ids,
        await dataSource.getRepository(InstitutionEntity).findBy({ id: Any([...ids]) }),
        (i) => i.id,
      ),
    ),
    region: new DataLoader<string, RegionEntity | null>(async (codes) =>
      rowByKey(
        codes,
        await dataSource.getRepository(RegionEntity).findBy({ code: Any([...codes]) }),
        (r) => r.code,
      ),
    ),
    regionChildren: new DataLoader<string, RegionEntity[]>(async (codes) =>
      rowsGroupedByKey(
        codes,
        await dataSource.getRepository(RegionEntity).find({
          where: { parentCode: Any([...codes]) },
          order: { code: 'ASC' },
        }),
        (r) => r.parentCode!,
      ),
    ),
    licences: new DataLoader<string, LicenceEntity[]>(async (ids) =>
      rowsGroupedByKey(
        ids,
        await dataSource.getRepository(LicenceEntity).find({
          where: { institutionId: Any([...ids]) },
          order: { issuedOn: 'ASC' },
        }),
        (l) => l.institutionId,
      ),
    ),
    surveys: new DataLoader<string, SurveyRecordEntity[]>(async (ids) =>
      rowsGroupedByKey(
        ids,
        await dataSource.getRepository(SurveyRecordEntity).find({
          where: { institutionId: Any([...ids]) },
          order: { surveyedAt: 'DESC' },
        }),
        (s) => s.institutionId,
      ),
    ),
  };
}
export type RegistryLoaders = ReturnType<typeof createLoaders>;
