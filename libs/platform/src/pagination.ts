import { badInput } from './errors';
import { parseInstant } from './scalars';
import { strictText } from './text';
import { UUID_PATTERN } from './validation';

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

/**
 * What one position of a list's keyset holds. Each list names its keyset once, where it decodes, and
 * a cursor whose values are not of those kinds (edited, or from another list) is refused before any
 * SQL sees it: `text` (a name, a credit code), `instant` (ISO 8601 with offset), `id` (a UUID),
 * `line` (a non-negative integer).
 */
export type CursorPart = 'text' | 'instant' | 'id' | 'line';
type CursorValue<P extends CursorPart> = P extends 'line' ? number : string;
export type CursorValues<P extends readonly CursorPart[]> = { [K in keyof P]: CursorValue<P[K]> };

/** The value as the list's SQL may use it, or undefined when it is not of that kind. */
function cursorValue(part: CursorPart, value: unknown): string | number | undefined {
  switch (part) {
    case 'text':
      // The text rule's refusals (control characters, length) but not its normalising: the cursor
      // must hold exactly the value of the row it points after.
      return typeof value === 'string' && strictText(value, 'text').problem === undefined ? value : undefined;
    case 'instant':
      return parseInstant(value)?.toISOString();
    case 'id':
      return typeof value === 'string' && UUID_PATTERN.test(value) ? value : undefined;
    case 'line':
      return Number.isSafeInteger(value) && (value as number) >= 0 ? (value as number) : undefined;
  }
}

/** The keyset values of `after`, checked against the list's `parts`; undefined for the first page. */
export function decodeCursor<const P extends readonly CursorPart[]>(
  cursor: string | null | undefined,
  parts: P,
): CursorValues<P> | undefined {
  if (cursor == null) return undefined;
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    values = undefined;
  }
  if (Array.isArray(values) && values.length === parts.length) {
    const checked = parts.map((part, i) => cursorValue(part, values[i]));
    if (checked.every((v) => v !== undefined)) return checked as CursorValues<P>;
  }
  throw badInput('after', 'after 不是本列表给出的游标，请从第一页重新翻页');
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
