import { Gauge, type Registry } from 'prom-client';
import type { DataSource } from 'typeorm';

/**
 * Outbox lag of one service, read from Postgres when Prometheus scrapes (both queries use the
 * partial index on unpublished rows):
 * - `jianguan_outbox_pending_events`: rows not yet published;
 * - `jianguan_outbox_lag_seconds`: age of the oldest of them (0 when none), i.e. how late the
 *   other departments learn about this one's changes.
 */
export function registerOutboxMetrics(registry: Registry, dataSource: DataSource, schema: string): void {
  const table = `"${schema}".outbox`;
  new Gauge({
    name: 'jianguan_outbox_pending_events',
    help: 'Outbox events committed but not yet published to the subscribers’ queues',
    registers: [registry],
    async collect() {
      const [row] = await dataSource.query(
        `SELECT count(*)::int AS pending FROM ${table} WHERE published_at IS NULL`,
      );
      this.set(row.pending);
    },
  });
  new Gauge({
    name: 'jianguan_outbox_lag_seconds',
    help: 'Age in seconds of the oldest unpublished outbox event (0 when all are published)',
    registers: [registry],
    async collect() {
      const [row] = await dataSource.query(
        `SELECT coalesce(extract(epoch FROM now() - min(occurred_at)), 0)::float8 AS lag
           FROM ${table} WHERE published_at IS NULL`,
      );
      this.set(Math.max(0, row.lag));
    },
  });
}
