import type { DataSource } from 'typeorm';
import { claimEvent, type EventEnvelope } from '@jianguan/events';
import { useServiceDatabase } from '@jianguan/testing';
import { createPublicListDataSource } from '../src/data-source';
import { migratePublicList } from '../src/migrate';
import { applyEvent } from '../src/event-handlers';

/**
 * A migrated public-list database of its own for the test file (made before its tests, dropped after),
 * and `consume`, which delivers an event as the consumer does: claimed in the inbox and applied in one
 * transaction, so a second delivery is a no-op.
 */
export function usePublicListDatabase(poolSize: number) {
  const service = useServiceDatabase({ migrate: migratePublicList });
  const bed = {
    dataSource: undefined as unknown as DataSource,
    consume: (e: EventEnvelope) =>
      bed.dataSource.transaction(async (manager) => {
        if (await claimEvent(manager, e.id, 'public-list')) await applyEvent(manager, e);
      }),
  };
  beforeAll(async () => {
    bed.dataSource = await service.openDataSource(createPublicListDataSource(service.db.url, { poolSize }));
  });
  return bed;
}
