import type { SelectQueryBuilder } from 'typeorm';
import { encodeCursor } from '../src/pagination';
import { keysetPaging, type Keyset } from '../src/keyset-page';

interface Row {
  at: Date;
  id: string;
}

const NEWEST_FIRST: Keyset<Row> = {
  direction: 'DESC',
  columns: [
    { column: 'r.at', part: 'instant', of: (r) => r.at.toISOString() },
    { column: 'r.id', part: 'id', of: (r) => r.id },
  ],
};

/** Records what the helper asks of a query builder, and answers with `rows`. */
function fakeQuery(rows: Row[], count: number) {
  const calls: unknown[][] = [];
  const query = {
    andWhere: (...args: unknown[]) => (calls.push(['andWhere', ...args]), query),
    orderBy: (...args: unknown[]) => (calls.push(['orderBy', ...args]), query),
    addOrderBy: (...args: unknown[]) => (calls.push(['addOrderBy', ...args]), query),
    limit: (n: number) => (calls.push(['limit', n]), query),
    getMany: async () => rows,
    getCount: async () => count,
  };
  return { calls, query: query as unknown as SelectQueryBuilder<Row> };
}

const ids = ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002'];
const rows = ids.map((id, i) => ({ id, at: new Date(Date.UTC(2026, 10, 21 - i)) }));

describe('keyset pages from a query builder', () => {
  it('orders by the keyset, fetches one row more than the page and counts only when asked', async () => {
    const { calls, query } = fakeQuery(rows, 7);
    const connection = await keysetPaging(NEWEST_FIRST, { first: 1 }).connection(() => query);
    expect(calls).toEqual([
      ['orderBy', 'r.at', 'DESC'],
      ['addOrderBy', 'r.id', 'DESC'],
      ['limit', 2],
    ]);
    expect(connection.edges.map((e) => e.node)).toEqual([rows[0]]);
    expect(connection.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(connection.pageInfo.endCursor).toBe(encodeCursor([rows[0].at.toISOString(), rows[0].id]));
    await expect(connection.totalCount()).resolves.toBe(7);
  });

  it('continues after the cursor with the values cast to the columns’ types', async () => {
    const { calls, query } = fakeQuery([rows[1]], 2);
    const after = encodeCursor([rows[0].at.toISOString(), rows[0].id]);
    const connection = await keysetPaging(NEWEST_FIRST, { first: 1, after }).connection(() => query);
    expect(calls[0]).toEqual([
      'andWhere',
      '(r.at, r.id) < (:keyset0::timestamptz, :keyset1::uuid)',
      { keyset0: rows[0].at.toISOString(), keyset1: rows[0].id },
    ]);
    expect(connection.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it('refuses a bad page size or cursor before any query is built', () => {
    expect(() => keysetPaging(NEWEST_FIRST, { first: 0 })).toThrow(/first must be between/);
    expect(() => keysetPaging(NEWEST_FIRST, { after: encodeCursor(['x']) })).toThrow(/游标/);
  });
});
