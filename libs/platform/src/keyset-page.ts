import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { decodeCursor, pageSize, toConnection, type Connection, type CursorPart } from './pagination';

/** One position of a list's keyset: the SQL column, what kind of value the cursor holds, and the row's value. */
export interface KeysetColumn<T> {
  column: string;
  part: CursorPart;
  of: (row: T) => string | number;
}

/**
 * A list's order, declared once: the columns (the last one unique, so the order is total) and the
 * direction. The cursor holds the last row's values of these columns, checked as their `part`s.
 */
export interface Keyset<T> {
  direction: 'ASC' | 'DESC';
  columns: readonly KeysetColumn<T>[];
}

/** The cast a cursor value gets in SQL, so PostgreSQL compares it as the column's type. */
const SQL_CAST: Record<CursorPart, string> = {
  text: '',
  instant: '::timestamptz',
  id: '::uuid',
  line: '::int',
};

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/**
 * Keyset paging for a TypeORM query builder. `first` and `after` are checked when this is called (so
 * a list refuses a bad page size or cursor where it did before building any SQL); `connection` then
 * runs the page (`size + 1` rows, the extra one only tells that a next page exists) and counts the
 * unpaged query only when the client asks for `totalCount`.
 */
export function keysetPaging<T extends ObjectLiteral>(keyset: Keyset<T>, args: PageArgs) {
  const size = pageSize(args.first);
  const cursor = decodeCursor(
    args.after,
    keyset.columns.map((c) => c.part),
  );
  return {
    size,
    cursor,
    /** `filtered` builds the list's query with its filters and no order or paging (called twice). */
    async connection(filtered: () => SelectQueryBuilder<T>): Promise<Connection<T>> {
      const page = filtered();
      if (cursor) {
        const columns = keyset.columns.map((c) => c.column);
        const params = Object.fromEntries(cursor.map((value, i) => [`keyset${i}`, value]));
        const values = keyset.columns.map((c, i) => `:keyset${i}${SQL_CAST[c.part]}`);
        const comparison = keyset.direction === 'ASC' ? '>' : '<';
        page.andWhere(`(${columns.join(', ')}) ${comparison} (${values.join(', ')})`, params);
      }
      keyset.columns.forEach((c, i) =>
        i === 0 ? page.orderBy(c.column, keyset.direction) : page.addOrderBy(c.column, keyset.direction),
      );
      const rows = await page.limit(size + 1).getMany();
      return toConnection(
        rows,
        size,
        (row) => keyset.columns.map((c) => c.of(row)),
        !!cursor,
        () => filtered().getCount(),
      );
    },
  };
}
