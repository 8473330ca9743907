import type { DataSource } from 'typeorm';
import { TEST_REDIS_URL, useServiceDatabase } from '@jianguan/testing';
import { createEnforcementDataSource } from '../src/data-source';
import { migrateEnforcement } from '../src/migrate';
import { DeadlineScheduler } from '../src/deadlines/schedule';

/**
 * Inserts `count` institutions of Chengdong district and one OPEN order each (as issueRectificationOrder
 * would have left them), with the given deadline; returns the order ids.
 */
export async function insertOrders(dataSource: DataSource, count: number, deadline: Date, setAt: Date) {
  const rows: { id: string }[] = await dataSource.query(
    `WITH inst AS (
       INSERT INTO enforcement.known_institution (id, name, region_code)
       SELECT gen_random_uuid(), '培训机构' || n, '630102001001' FROM generate_series(1, $1) AS n
       RETURNING id, region_code
     )
     INSERT INTO enforcement.rectification_order
            (institution_id, region_code, source, problems, issuing_region_code, issued_by_id, issued_by_name,
             issued_at, deadline, deadline_set_at, status)
     SELECT id, region_code, 'SURVEY', '[{"code":"NO_PERMIT","description":"未取得办学许可证","field":null}]',
            '630102', 'officer-wang', '王执法', $3, $2, $3, 'OPEN'
       FROM inst
     RETURNING id`,
    [count, deadline, setAt],
  );
  return rows.map((r) => r.id);
}

/** Enforcement's events by type: how many, for how many distinct orders. */
export const outboxEventCounts = (dataSource: DataSource) =>
  dataSource.query(
    `SELECT type, count(*)::int AS n, count(DISTINCT payload->>'orderId')::int AS orders
       FROM enforcement.outbox GROUP BY type ORDER BY type`,
  );

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await sleep(100);
  }
}

/**
 * An enforcement test's database (migrated) and queue prefix, and the pieces most files start on
 * them: a data source and a deadline scheduler, both stopped at the end of the file.
 */
export function useEnforcementDatabase() {
  const service = useServiceDatabase({ migrate: migrateEnforcement });
  return {
    service,
    openDataSource: (poolSize: number) =>
      service.openDataSource(createEnforcementDataSource(service.db.url, { poolSize })),
    startScheduler: (options: ConstructorParameters<typeof DeadlineScheduler>[2]) =>
      service.stopAtEnd(new DeadlineScheduler(TEST_REDIS_URL, service.queue.prefix, options), (s) =>
        s.close(),
      ),
  };
}
