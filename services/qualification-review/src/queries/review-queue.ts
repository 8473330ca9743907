import type { DataSource } from 'typeorm';
import { badInput, decodeCursor, pageSize, toConnection, type Viewer } from '@jianguan/platform';
import { ApplicationEntity } from '../entities/application.entity';
import { APPLICATION_STATUSES, type ApplicationStatus } from '../domain/status';

export interface ReviewQueueArgs {
  regionCode?: string | null;
  status?: ApplicationStatus | null;
  overdueOnly?: boolean | null;
  first?: number | null;
  after?: string | null;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** SQL for "the time limit has passed without a decision" (a paused clock is not overdue). */
export const OVERDUE_SQL = (alias: string) =>
  `(${alias}.status IN ('SUBMITTED','UNDER_REVIEW','MATERIALS_REQUESTED') AND ${alias}.clock_paused_at IS NULL AND ${alias}.due_at < now())`;

/** Applications of the caller's jurisdiction by time limit, earliest first, with keyset paging. */
export function reviewQueue(dataSource: DataSource, viewer: Viewer, args: ReviewQueueArgs) {
  const regionCode = viewer.requireListRegion('review.queue', args.regionCode);
  const size = pageSize(args.first);
  const cursor = decodeCursor(args.after, ['instant', 'id']);
  if (args.status && !APPLICATION_STATUSES.includes(args.status)) throw badInput('status', 'unknown status');

  const base = () => {
    const query = dataSource
      .getRepository(ApplicationEntity)
      .createQueryBuilder('a')
      .where('a.region_code LIKE :prefix', { prefix: `${escapeLike(regionCode)}%` });
    if (args.status) query.andWhere('a.status = :status', { status: args.status });
    if (args.overdueOnly) query.andWhere(OVERDUE_SQL('a'));
    return query;
  };
  const page = base();
  if (cursor) {
    page.andWhere('(a.due_at, a.id) > (:dueAt::timestamptz, :id::uuid)', { dueAt: cursor[0], id: cursor[1] });
  }
  return page
    .orderBy('a.due_at', 'ASC')
    .addOrderBy('a.id', 'ASC')
    .limit(size + 1)
    .getMany()
    .then((rows) =>
      toConnection(
        rows,
        size,
        (row) => [row.dueAt.toISOString(), row.id],
        !!cursor,
        () => base().getCount(),
      ),
    );
}
