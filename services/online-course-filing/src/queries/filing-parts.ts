import type { DataSource } from 'typeorm';
import { decodeCursor, pageSize, toConnection } from '@jianguan/platform';
import { CourseEntity } from '../entities/course.entity';
import { PersonEntity } from '../entities/person.entity';

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** One page of a filing's personnel or courses, in filing order, with keyset paging on the line. */
export function filingPart<E extends PersonEntity | CourseEntity>(
  dataSource: DataSource,
  entity: new () => E,
  filingId: string,
  args: PageArgs,
) {
  const size = pageSize(args.first);
  const cursor = decodeCursor(args.after, ['line']);
  const base = () =>
    dataSource
      .getRepository<E>(entity)
      .createQueryBuilder('x')
      .where('x.filing_id = :filingId', { filingId });
  const page = base();
  if (cursor) page.andWhere('x.line > :line', { line: cursor[0] });
  return page
    .orderBy('x.line', 'ASC')
    .limit(size + 1)
    .getMany()
    .then((rows) =>
      toConnection(
        rows,
        size,
        (row) => [row.line],
        !!cursor,
        () => base().getCount(),
      ),
    );
}
