import { Gauge, type Registry } from 'prom-client';
import type { DataSource } from 'typeorm';

/**
 * `jianguan_provisional_deadlines{service}`: open deadlines counted into a year without its published
 * holiday schedule, read from PostgreSQL on each scrape. Above 0 means a year's schedule is due to be
 * loaded (docs/operations.md); loading it recounts them. `countSql` answers one row with `count`.
 */
export function registerProvisionalDeadlineGauge(
  registry: Registry,
  dataSource: DataSource,
  service: string,
  countSql: string,
): void {
  new Gauge({
    name: 'jianguan_provisional_deadlines',
    help: 'Open deadlines counted into a year whose holiday schedule has not been loaded',
    labelNames: ['service'],
    registers: [registry],
    async collect() {
      const [row]: { count: number }[] = await dataSource.query(countSql);
      this.set({ service }, row.count);
    },
  });
}
