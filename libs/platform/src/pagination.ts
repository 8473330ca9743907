import { badInput } from './errors';

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface Connection<T> {
  edges: { node: T; cursor: string }[];
  pageInfo: PageInfo;
  /** Resolved only when the client asks for it (graphql-js calls function-valued fields). */
  totalCount: () => Promise<number>;
}

export const MAX_PAGE_SIZE = 100;

/** Validates `first`; pages are at most MAX_PAGE_SIZE. */
export function pageSize(first: number | null | undefined, defaultSize = 20): number {
  const size = first ?? defaultSize;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw badInput('first', `first must be between 1 and ${MAX_PAGE_SIZE}`);
  }
  return size;
}

/** Cursors are opaque: base64url of the keyset values of the last row. */
export function encodeCursor(values: (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(
  cursor: string | null | undefined,
  length: number,
): (string | number)[] | undefined {
  if (cursor == null) return undefined;
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === length &&
      values.every((v) => typeof v === 'string' || typeof v === 'number')
    ) {
      return values;
    }
  } catch {
    // fall through to the error below
  }
  throw badInput('after', 'after is not a cursor from this list');
}

/** Builds a connection from `size + 1` fetched rows (the extra row only tells that a next page exists). */
export function toConnection<T>(
  rows: T[],
  size: number,
  keyOf: (row: T) => (string | number)[],
  hasPreviousPage: boolean,
  count: () => Promise<number>,
): Connection<T> {
  const page = rows.slice(0, size);
  const edges = page.map((node) => ({ node, cursor: encodeCursor(keyOf(node)) }));
  let counted: Promise<number> | undefined;
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > size,
      hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: () => (counted ??= count()),
  };
}
