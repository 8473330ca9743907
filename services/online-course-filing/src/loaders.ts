import DataLoader from 'dataloader';
import { rowByKey, rowsGroupedByKey } from '@jianguan/platform';
import { In, type DataSource } from 'typeorm';
import { FilingEntity } from './entities/filing.entity';
import { FindingEntity } from './entities/finding.entity';
import { RuleSetEntity } from './entities/rule-set.entity';
import { StatusChangeEntity } from './entities/status-change.entity';
import { filingStatsFor, type FilingStats } from './queries/filing-stats';

/** One set per request: a list of filings costs one query per relation, whatever its length. */
export function createLoaders(dataSource: DataSource) {
  return {
    filing: new DataLoader<string, FilingEntity | null>(async (ids) =>
      rowByKey(ids, await dataSource.getRepository(FilingEntity).findBy({ id: In([...ids]) }), (f) => f.id),
    ),
    filingOfInstitution: new DataLoader<string, FilingEntity | null>(async (ids) =>
      rowByKey(
        ids,
        await dataSource.getRepository(FilingEntity).findBy({ institutionId: In([...ids]) }),
        (f) => f.institutionId,
      ),
    ),
    findings: new DataLoader<string, FindingEntity[]>(async (ids) =>
      rowsGroupedByKey(
        ids,
        await dataSource.getRepository(FindingEntity).find({
          where: { filingId: In([...ids]), open: true },
          order: { at: 'ASC' },
        }),
        (f) => f.filingId,
      ),
    ),
    history: new DataLoader<string, StatusChangeEntity[]>(async (ids) =>
      rowsGroupedByKey(
        ids,
        await dataSource.getRepository(StatusChangeEntity).find({
          where: { filingId: In([...ids]) },
          order: { at: 'ASC' },
        }),
        (c) => c.filingId,
      ),
    ),
    ruleSet: new DataLoader<string, RuleSetEntity | null>(async (versions) =>
      rowByKey(
        versions,
        await dataSource.getRepository(RuleSetEntity).findBy({ version: In([...versions]) }),
        (r) => r.version,
      ),
    ),
    filingStats: new DataLoader<string, FilingStats>((codes) => filingStatsFor(dataSource, codes)),
  };
}
export type FilingLoaders = ReturnType<typeof createLoaders>;
