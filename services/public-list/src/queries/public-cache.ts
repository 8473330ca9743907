import type { DataSource } from 'typeorm';

/**
 * Anonymous answers kept in memory, keyed by the list version (bumped in the same transaction as any
 * list change). Each request reads the version once (a primary-key read), so an answer is reused only
 * while no list has changed: the crowd shares answers, and nobody sees one older than the last change.
 */
export class PublicAnswerCache {
  private readonly entries = new Map<string, Promise<unknown>>();
  private version = -1;

  constructor(private readonly maxEntries: number) {}

  async get<T>(version: number, key: string, compute: () => Promise<T>): Promise<T> {
    if (this.maxEntries === 0) return compute();
    if (version !== this.version) {
      this.entries.clear();
      this.version = version;
    }
    const hit = this.entries.get(key);
    if (hit) {
      // Most recently used last, so the oldest is evicted first.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit as Promise<T>;
    }
    const value = compute();
    this.entries.set(key, value);
    value.catch(() => this.entries.delete(key));
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }
}

export async function readListVersion(dataSource: DataSource): Promise<number> {
  const [row] = (await dataSource.query(`SELECT version FROM public_list.list_state WHERE id = 1`)) as {
    version: string;
  }[];
  return Number(row?.version ?? 0);
}
