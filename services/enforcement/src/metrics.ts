import { Gauge, type Registry } from 'prom-client';
import type { DataSource } from 'typeorm';

/**
 * `jianguan_enforcement_overdue_unprocessed{step}`: deadlines that have passed without the deadline
 * worker acting on them, read from Postgres (the source of truth) on each scrape. Anything above 0
 * for longer than a job's run means the deadline engine is behind or lost its schedule.
 * - `deadline`: orders still OPEN after their rectification deadline (the DEADLINE job turns them
 *   OVERDUE and black-lists the institution);
 * - `escalation`: OVERDUE/ESCALATED orders whose escalation case is past its respond-by time with no
 *   enforcement action recorded (the ESCALATE job moves them up the ladder).
 */
export function registerOverdueMetrics(registry: Registry, dataSource: DataSource): void {
  new Gauge({
    name: 'jianguan_enforcement_overdue_unprocessed',
    help: 'Rectification deadlines and escalation respond-by times that have passed but are not yet processed',
    labelNames: ['step'],
    registers: [registry],
    async collect() {
      const [row]: { deadline: number; escalation: number }[] = await dataSource.query(
        `SELECT count(*) FILTER (WHERE status = 'OPEN' AND deadline <= now())::int AS deadline,
                count(*) FILTER (WHERE status IN ('OVERDUE','ESCALATED') AND respond_by <= now())::int
                  AS escalation
           FROM enforcement.rectification_order
          WHERE status IN ('OPEN','OVERDUE','ESCALATED')`,
      );
      this.set({ step: 'deadline' }, row.deadline);
      this.set({ step: 'escalation' }, row.escalation);
    },
  });
}
