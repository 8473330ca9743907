import type { DataSource } from 'typeorm';
import { badInput, inRegionSubtree, keysetPaging, type Keyset, type Viewer } from '@jianguan/platform';
import { ApplicationEntity } from '../entities/application.entity';
import { APPLICATION_STATUSES, type ApplicationStatus } from '../domain/status';

export interface ReviewQueueArgs {
  regionCode?: string | null;
  status?: ApplicationStatus | null;
  overdueOnly?: boolean | null;
  first?: number | null;
  after?: string | null;
}

const EARLIEST_DUE_FIRST: Keyset<ApplicationEntity> = {
  direction: 'ASC',
  columns: [
    { column: 'a.due_at', part: 'instant', of: (a) => a.dueAt.toISOString() },
    { column: 'a.id', part: 'id', of: (a) => a.id },
  ],
};

/** SQL for "the time limit has passed without a decision" (a paused clock is not overdue). */
export const OVERDUE_SQL = (alias: string) =>
  `(${alias}.status IN ('SUBMITTED','UNDER_REVIEW','MATERIALS_REQUESTED') AND ${alias}.clock_paused_at IS NULL AND ${alias}.due_at < now())`;

/** Applications of the caller's jurisdiction by time limit, earliest first, with keyset paging. */
export function reviewQueue(dataSource: DataSource, viewer: Viewer, args: ReviewQueueArgs) {
  const regionCode = viewer.requireListRegion('review.queue', args.regionCode);
  const paging = keysetPaging(EARLIEST_DUE_FIRST, args);
  if (args.status && !APPLICATION_STATUSES.includes(args.status)) throw badInput('status', 'unknown status');

  return paging.connection(() => {
    const query = dataSource
      .getRepository(ApplicationEntity)
      .createQueryBuilder('a')
      .where(...inRegionSubtree('a.region_code', regionCode));
    if (args.status) query.andWhere('a.status = :status', { status: args.status });
    if (args.overdueOnly) query.andWhere(OVERDUE_SQL('a'));
    return query;
  });
}
