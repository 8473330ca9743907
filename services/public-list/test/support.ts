import type { DataSource } from 'typeorm';
import { openDataSource } from '@jianguan/platform';
import { claimEvent, type EventEnvelope } from '@jianguan/events';
import { createTestDatabase, type TestDatabase } from '@jianguan/testing';
import { createPublicListDataSource } from '../src/data-source';
import { migratePublicList } from '../src/migrate';
import { applyEvent } from '../src/event-handlers';

/**
 * A migrated public-list database of its own for the test file (made before its tests, dropped after),
 * and `consume`, which delivers an event as the consumer does: claimed in the inbox and applied in one
 * transaction, so a second delivery is a no-op.
 */
export function usePublicListDatabase(poolSize: number) {
  let db: TestDatabase | undefined;
  const bed = {
    dataSource: undefined as unknown as DataSource,
    consume: (e: EventEnvelope) =>
      bed.dataSource.transaction(async (manager) => {
        if (await claimEvent(manager, e.id, 'public-list')) await applyEvent(manager, e);
      }),
  };
  beforeAll(async () => {
    db = await createTestDatabase();
    await migratePublicList(db.url);
    bed.dataSource = await openDataSource(createPublicListDataSource(db.url, { poolSize }), {
      migrate: false,
    });
  });
  afterAll(async () => {
    await bed.dataSource?.destroy();
    await db?.drop();
  });
  return bed;
}
