import type { DataSource } from 'typeorm';
import { keysetPaging, type PageArgs } from '@jianguan/platform';
import { CourseEntity } from '../entities/course.entity';
import { PersonEntity } from '../entities/person.entity';

export type { PageArgs };

/** One page of a filing's personnel or courses, in filing order, with keyset paging on the line. */
export function filingPart<E extends PersonEntity | CourseEntity>(
  dataSource: DataSource,
  entity: new () => E,
  filingId: string,
  args: PageArgs,
) {
  const inFilingOrder = {
    direction: 'ASC',
    columns: [{ column: 'x.line', part: 'line', of: (row: E) => row.line }],
  } as const;
  return keysetPaging<E>(inFilingOrder, args).connection(() =>
    dataSource
      .getRepository<E>(entity)
      .createQueryBuilder('x')
      .where('x.filing_id = :filingId', { filingId }),
  );
}
