import DataLoader from 'dataloader';
import { loaderOfMany, loaderOfOne } from '@jianguan/platform';
import type { DataSource } from 'typeorm';
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
    institution: loaderOfOne(dataSource, InstitutionEntity, 'id'),
    region: loaderOfOne(dataSource, RegionEntity, 'code'),
    regionChildren: loaderOfMany(dataSource, RegionEntity, 'parentCode', { code: 'ASC' }),
    licences: loaderOfMany(dataSource, LicenceEntity, 'institutionId', { issuedOn: 'ASC' }),
    surveys: loaderOfMany(dataSource, SurveyRecordEntity, 'institutionId', { surveyedAt: 'DESC' }),
  };
}
export type RegistryLoaders = ReturnType<typeof createLoaders>;
