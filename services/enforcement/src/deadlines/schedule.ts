import { TimerQueue } from '@jianguan/events';
import type { CaseLevel, OrderStatus } from '../orders/order';

/** BullMQ forbids ':' in queue names; the deployment's QUEUE_PREFIX goes into `prefix`. */
export const DEADLINE_QUEUE = 'enforcement-deadlines';
export { RECONCILE_JOB } from '@jianguan/events';

export interface DeadlineTimings {
  /** Reminders go out this long before the deadline (largest first). */
  reminderOffsetsMs: number[];
}

export type DeadlineJobData =
  | { kind: 'REMINDER'; orderId: string; deadline: string; offsetSeconds: number }
  | { kind: 'DEADLINE'; orderId: string; deadline: string }
  | { kind: 'ESCALATE'; orderId: string; level: CaseLevel; respondBy: string }
  /** A measure with a term ends (PenaltyEnded). */
  | { kind: 'MEASURE_END'; penaltyId: string; endsAt: string }
  /** A campaign opens orders for the institutions already on file, from its start. */
  | { kind: 'ENROL'; campaignId: string; startsAt: string };

/** Jobs about one order (reminders, deadline, escalation), as opposed to measures and campaigns. */
export type OrderJobData = Extract<DeadlineJobData, { orderId: string }>;

/**
 * Deterministic ids that carry the instant the job is for: an extended deadline (or a new respond-by)
 * gives new ids, so the old jobs are stale, and re-adding an existing id is a no-op in BullMQ.
 */
export function deadlineJobId(job: DeadlineJobData): string {
  switch (job.kind) {
    case 'REMINDER':
      return `reminder-${job.orderId}-${Date.parse(job.deadline)}-${job.offsetSeconds}`;
    case 'DEADLINE':
      return `deadline-${job.orderId}-${Date.parse(job.deadline)}`;
    case 'ESCALATE':
      return `escalate-${job.orderId}-${job.level.toLowerCase()}-${Date.parse(job.respondBy)}`;
    case 'MEASURE_END':
      return `measure-end-${job.penaltyId}-${Date.parse(job.endsAt)}`;
    case 'ENROL':
      return `enrol-${job.campaignId}`;
  }
}

/** When the job is due. */
export function fireAt(job: DeadlineJobData): number {
  switch (job.kind) {
    case 'REMINDER':
      return Date.parse(job.deadline) - job.offsetSeconds * 1000;
    case 'DEADLINE':
      return Date.parse(job.deadline);
    case 'ESCALATE':
      return Date.parse(job.respondBy);
    case 'MEASURE_END':
      return Date.parse(job.endsAt);
    case 'ENROL':
      return Date.parse(job.startsAt);
  }
}

/** The notification step a reminder writes; the reconciler uses it to skip reminders already sent. */
export const reminderStep = (offsetSeconds: number, deadline: Date) =>
  `reminder:${offsetSeconds}@${deadline.toISOString()}`;

export interface SchedulableOrder {
  id: string;
  status: OrderStatus;
  deadline: Date;
  deadlineSetAt: Date;
  escalationLevel: string | null;
  respondBy: Date | null;
}

/** The jobs an order needs in its current state (before skipping what was already done). */
export function jobsFor(order: SchedulableOrder, timings: DeadlineTimings): DeadlineJobData[] {
  const deadline = order.deadline.toISOString();
  if (order.status === 'OPEN') {
    const reminders = timings.reminderOffsetsMs
      // A reminder that would have been due before the deadline was set is not sent.
      .filter((offset) => order.deadline.getTime() - offset >= order.deadlineSetAt.getTime())
      .map((offset): DeadlineJobData => ({
        kind: 'REMINDER',
        orderId: order.id,
        deadline,
        offsetSeconds: Math.round(offset / 1000),
      }));
    return [...reminders, { kind: 'DEADLINE', orderId: order.id, deadline }];
  }
  if (
    (order.status === 'OVERDUE' || order.status === 'ESCALATED') &&
    order.respondBy &&
    (order.escalationLevel === 'COUNTY' ||
      order.escalationLevel === 'CITY' ||
      order.escalationLevel === 'PROVINCE')
  ) {
    return [
      {
        kind: 'ESCALATE',
        orderId: order.id,
        level: order.escalationLevel,
        respondBy: order.respondBy.toISOString(),
      },
    ];
  }
  return [];
}

/** Puts orders' reminders, deadline checks and escalations on the queue (Redis the schedule, Postgres the truth). */
export class DeadlineScheduler extends TimerQueue<DeadlineJobData> {
  constructor(
    redisUrl: string,
    prefix: string,
    readonly timings: DeadlineTimings,
  ) {
    super(
      DEADLINE_QUEUE,
      { redisUrl, prefix },
      {
        jobId: deadlineJobId,
        fireAt,
        jobOptions: {
          attempts: 10,
          backoff: { type: 'exponential', delay: 500 },
          // Completed jobs go: a re-added job finds the order moved on (or its notification row) and does nothing.
          removeOnComplete: true,
          removeOnFail: { age: 7 * 24 * 3600 },
        },
      },
    );
  }

  /** Schedules the jobs of an order's current state, skipping the reminder steps already sent. */
  schedule(order: SchedulableOrder, sentSteps: readonly string[] = []): Promise<void> {
    const jobs = jobsFor(order, this.timings).filter(
      (job) =>
        job.kind !== 'REMINDER' || !sentSteps.includes(reminderStep(job.offsetSeconds, order.deadline)),
    );
    return this.add(jobs);
  }

  /** Schedules the jobs of many orders' current state with one bulk add (orders past their reminders). */
  scheduleAll(orders: readonly SchedulableOrder[]): Promise<void> {
    return this.add(orders.flatMap((order) => jobsFor(order, this.timings)));
  }
}
