import DataLoader from 'dataloader';
import { loaderOfMany, loaderOfOne } from '@jianguan/platform';
import type { DataSource } from 'typeorm';
import { FilingEntity } from './entities/filing.entity';
import { FindingEntity } from './entities/finding.entity';
import { RuleSetEntity } from './entities/rule-set.entity';
import { StatusChangeEntity } from './entities/status-change.entity';
import { filingStatsFor, type FilingStats } from './queries/filing-stats';

/** One set per request: a list of filings costs one query per relation, whatever its length. */
export function createLoaders(dataSource: DataSource) {
  return {
    filing: loaderOfOne(dataSource, FilingEntity, 'id'),
    filingOfInstitution: loaderOfOne(dataSource, FilingEntity, 'institutionId'),
    findings: loaderOfMany(dataSource, FindingEntity, 'filingId', { at: 'ASC' }, { where: { open: true } }),
    history: loaderOfMany(dataSource, StatusChangeEntity, 'filingId', { at: 'ASC' }),
    ruleSet: loaderOfOne(dataSource, RuleSetEntity, 'version'),
    filingStats: new DataLoader<string, FilingStats>((codes) => filingStatsFor(dataSource, codes)),
  };
}
export type FilingLoaders = ReturnType<typeof createLoaders>;
