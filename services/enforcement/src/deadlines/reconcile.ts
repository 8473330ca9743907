import type { DataSource } from 'typeorm';
import type { OrderStatus } from '../orders/order';
import { jobsFor, reminderStep, type DeadlineJobData, type DeadlineScheduler } from './schedule';

/**
 * Finds every order whose deadline or escalation still runs and re-adds the jobs of its current state,
 * skipping reminders already sent — after a Redis that lost its data, or a process that died between a
 * commit and its scheduling. Deterministic ids make the re-add of a job that still exists a no-op, and
 * a job due in the past runs at once; then measures with a running term and unfinished campaign
 * enrolments. Returns how many orders, measures and campaigns it looked at.
 */
export async function reconcileDeadlines(
  dataSource: DataSource,
  scheduler: DeadlineScheduler,
  batchSize = 500,
): Promise<number> {
  let after = '00000000-0000-0000-0000-000000000000';
  let seen = 0;
  for (;;) {
    const rows: {
      id: string;
      status: OrderStatus;
      deadline: Date;
      deadline_set_at: Date;
      escalation_level: string | null;
      respond_by: Date | null;
      sent: string[];
    }[] = await dataSource.query(
      `SELECT o.id, o.status, o.deadline, o.deadline_set_at, o.escalation_level, o.respond_by,
              coalesce(array_agg(DISTINCT n.step) FILTER (WHERE n.step IS NOT NULL), '{}') AS sent
         FROM enforcement.rectification_order o
         LEFT JOIN enforcement.notification n ON n.order_id = o.id AND n.kind = 'REMINDER'
        WHERE o.status IN ('OPEN','OVERDUE','ESCALATED') AND o.id > $1
        GROUP BY o.id
        ORDER BY o.id
        LIMIT $2`,
      [after, batchSize],
    );
    if (rows.length === 0) return seen + (await reconcileMeasuresAndCampaigns(dataSource, scheduler));
    const jobs: DeadlineJobData[] = [];
    for (const row of rows) {
      const order = {
        id: row.id,
        status: row.status,
        deadline: row.deadline,
        deadlineSetAt: row.deadline_set_at,
        escalationLevel: row.escalation_level,
        respondBy: row.respond_by,
      };
      for (const job of jobsFor(order, scheduler.timings)) {
        if (job.kind === 'REMINDER' && row.sent.includes(reminderStep(job.offsetSeconds, row.deadline)))
          continue;
        jobs.push(job);
      }
    }
    await scheduler.add(jobs);
    seen += rows.length;
    after = rows[rows.length - 1].id;
  }
}

/**
 * Measures whose term still runs and campaigns whose enrolment has not finished: their jobs are
 * re-added (a deterministic id makes that a no-op while the job exists; a due one runs at once).
 */
async function reconcileMeasuresAndCampaigns(
  dataSource: DataSource,
  scheduler: DeadlineScheduler,
): Promise<number> {
  const measures: { id: string; ends_at: Date }[] = await dataSource.query(
    `SELECT id, ends_at FROM enforcement.penalty WHERE ends_at IS NOT NULL AND ended_at IS NULL`,
  );
  const campaigns: { id: string; starts_at: Date }[] = await dataSource.query(
    `SELECT id, starts_at FROM enforcement.campaign WHERE enrolment_done_at IS NULL AND ends_at > now()`,
  );
  await scheduler.add([
    ...measures.map((m): DeadlineJobData => ({
      kind: 'MEASURE_END',
      penaltyId: m.id,
      endsAt: m.ends_at.toISOString(),
    })),
    ...campaigns.map((c): DeadlineJobData => ({
      kind: 'ENROL',
      campaignId: c.id,
      startsAt: c.starts_at.toISOString(),
    })),
  ]);
  return measures.length + campaigns.length;
}
