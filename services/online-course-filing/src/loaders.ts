import DataLoader from 'dataloader';
import { rowByKey, rowsGroupedByKey } from '@jianguan/platform';
import { Any, type DataSource } from 'typeorm';
import { FilingEntity } from './entities/filing.entity';
import { FindingEntity } from './entities/finding.entity';
import { RuleSetEntity } from './entities/rule-set.entity';
import { StatusChangeEntity } from './entities/status-change.entity';
import { filingStatsFor, type FilingStats } from './queries/filing-stats';

/**
 * One set per request: a list of filings costs one query per relation, whatever its length.
 * Keys go as one array parameter (`= ANY($1)`): TypeORM's In() makes a parameter per key, and
 * building those showed in every subgraph's CPU profile once the gateway merged requests' entities.
 */
export function createLoaders(dataSource: DataSource) {
  return {
    filing: new DataLoader<string, FilingEntity | null>(async (ids) =>
      rowByKey(ids, await dataSource.getRepository(FilingEntity).findBy({ id: Any([...ids]) }), (f) => f.id),
    ),
    filingOfInstitution: new DataLoader<string, FilingEntity | null>(async (ids) =>
      rowByKey(
        ids,
        await dataSource.getRepository(FilingEntity).findBy({ institutionId: Any([...ids]) }),
        (f) => f.institutionId,
      ),
    ),
    findings: new DataLoader<string, FindingEntity[]>(async (ids) =>
      rowsGroupedByKey(
        ids,
        await dataSource.getRepository(FindingEntity).find({
          where: { filingId: Any([...ids]), open: true },
          order: { at: 'ASC' },
        }),
        (f) => f.filingId,
      ),
    ),
    history: new DataLoader<string, StatusChangeEntity[]>(async (ids) =>
      rowsGroupedByKey(
        ids,
        await dataSource.getRepository(StatusChangeEntity).find({
          where: { filingId: Any([...ids]) },
          order: { at: 'ASC' },
        }),
        (c) => c.filingId,
      ),
    ),
    ruleSet: new DataLoader<string, RuleSetEntity | null>(async (versions) =>
      rowByKey(
        versions,
        await dataSource.getRepository(RuleSetEntity).findBy({ version: Any([...versions]) }),
        (r) => r.version,
      ),
    ),
    filingStats: new DataLoader<string, FilingStats>((codes) => filingStatsFor(dataSource, codes)),
  };
}
export type FilingLoaders = ReturnType<typeof createLoaders>;
