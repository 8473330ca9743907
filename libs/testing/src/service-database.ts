import type { DataSource } from 'typeorm';
import { openDataSource } from '@jianguan/platform';
import { createTestDatabase, type TestDatabase } from './database';
import { createQueuePrefix, type TestQueuePrefix } from './redis';
import { late, Stoppers } from './late';
import { testEnv } from './env';

export interface ServiceTestDatabase {
  /** This file's own database (made from the migrated template). */
  db: TestDatabase;
  /** This file's own queue prefix on the test Redis. */
  queue: TestQueuePrefix;
  /** Opens a data source on `options` (already migrated), destroyed at the end of the file. */
  openDataSource: (options: Parameters<typeof openDataSource>[0]) => Promise<DataSource>;
  /** What a process of `service` is started with on this database and queue prefix (see testEnv). */
  envFor: (service: { schema: string }, extra?: Record<string, string>) => Record<string, string>;
  /** Registers a piece the file started (a scheduler, a worker, a client) to stop at the end of the file. */
  stopAtEnd: <T>(piece: T, stop: (piece: T) => Promise<unknown> | unknown) => T;
  /** Registers a step for the end of the file (what a test may have started by then), run like a piece's stop. */
  atEnd: (step: () => Promise<unknown> | unknown) => void;
}

/**
 * The set-up of a service test on real PostgreSQL and Redis: in `beforeAll` a database and a queue
 * prefix of the file's own (migrated by `migrate` when given); in `afterAll` every piece registered
 * on it stopped, last started first, and only then the queue emptied and the database dropped — the
 * order in which nothing is left holding a connection to what goes away.
 */
export function useServiceDatabase(options: { migrate?: (url: string) => Promise<unknown> } = {}) {
  let db: TestDatabase | undefined;
  let queue: TestQueuePrefix | undefined;
  const pieces = new Stoppers();
  beforeAll(async () => {
    db = await createTestDatabase();
    queue = createQueuePrefix();
    await options.migrate?.(db.url);
  });
  afterAll(async () => {
    await pieces.stopAll();
    await queue?.cleanup();
    await db?.drop();
  });
  const service: ServiceTestDatabase = {
    db: late('the test database', () => db),
    queue: late('the queue prefix', () => queue),
    openDataSource: async (dataSourceOptions) =>
      pieces.add(await openDataSource(dataSourceOptions, { migrate: false }), (source) => source.destroy()),
    envFor: (serviceDefinition, extra) => testEnv(serviceDefinition, service.db, service.queue, extra),
    stopAtEnd: (piece, stop) => pieces.add(piece, stop),
    atEnd: (step) => void pieces.add(undefined, step),
  };
  return service;
}
