/**
 * DataLoader wants one result per key, in the keys' order; these arrange the rows a batched query
 * returned that way.
 */

/** Every row under its key; a key without rows gets an empty list. */
export function rowsGroupedByKey<T, K>(keys: readonly K[], rows: T[], keyOf: (row: T) => K): T[][] {
  const groups = new Map<K, T[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key) ?? []);
}

/** The one row of each key, or null when there is none. */
export function rowByKey<T, K>(keys: readonly K[], rows: T[], keyOf: (row: T) => K): (T | null)[] {
  const found = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => found.get(key) ?? null);
}
