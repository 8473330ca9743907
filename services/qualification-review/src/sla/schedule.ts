import { Queue, type JobsOptions } from 'bullmq';
import type { ApplicationEntity } from '../entities/application.entity';
import type { NotificationKind } from '../entities/review-notification.entity';
import { OPEN_STATUSES } from '../domain/status';

/** BullMQ forbids ':' in queue names; the deployment's QUEUE_PREFIX goes into `prefix`. */
export const SLA_QUEUE = 'review-sla';
export { RECONCILE_JOB } from '@jianguan/events';

export interface SlaTimings {
  /** Reviewers are reminded this long before dueAt. */
  reminderBeforeMs: number;
  /** An undecided review is escalated this long after dueAt. */
  escalateAfterMs: number;
}

export interface SlaJobData {
  applicationId: string;
  kind: NotificationKind;
  /** The time limit the job was scheduled for; a changed dueAt makes the job stale. */
  dueAt: string;
}

/** Deterministic: the same application, kind and dueAt always give the same job (and BullMQ keeps one). */
export const slaJobId = (kind: NotificationKind, applicationId: string, dueAt: Date) =>
  `${kind.toLowerCase()}-${applicationId}-${dueAt.getTime()}`;

export const slaFireAt = (kind: NotificationKind, dueAt: Date, timings: SlaTimings): Date =>
  new Date(
    kind === 'REMINDER'
      ? dueAt.getTime() - timings.reminderBeforeMs
      : dueAt.getTime() + timings.escalateAfterMs,
  );

/** Whether the clock is running: open and not paused for materials. */
export const clockRunning = (app: Pick<ApplicationEntity, 'status' | 'clockPausedAt'>) =>
  OPEN_STATUSES.includes(app.status) && app.clockPausedAt === null;

const JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  // Completed jobs go: a re-added job finds its notification row and does nothing.
  removeOnComplete: true,
  removeOnFail: { age: 7 * 24 * 3600 },
} as const satisfies JobsOptions;

/** Puts an application's reminder and escalation on the queue (Redis holds the schedule; Postgres the truth). */
export class SlaScheduler {
  readonly queue: Queue<SlaJobData>;

  constructor(
    redisUrl: string,
    prefix: string,
    readonly timings: SlaTimings,
  ) {
    this.queue = new Queue<SlaJobData>(SLA_QUEUE, { connection: { url: redisUrl }, prefix });
    // BullMQ reconnects by itself; without a listener an 'error' would crash the process.
    this.queue.on('error', () => {});
  }

  /**
   * Schedules the jobs of the application's current dueAt, skipping kinds already sent. Adding a job
   * whose id exists is a no-op, so this is safe to call again at any time.
   */
  async schedule(
    app: Pick<ApplicationEntity, 'id' | 'status' | 'clockPausedAt' | 'dueAt'>,
    alreadySent: NotificationKind[] = [],
    now = Date.now(),
  ): Promise<void> {
    if (!clockRunning(app)) return;
    for (const kind of ['REMINDER', 'ESCALATION'] as const) {
      if (alreadySent.includes(kind)) continue;
      const delay = Math.max(0, slaFireAt(kind, app.dueAt, this.timings).getTime() - now);
      await this.queue.add(
        kind,
        { applicationId: app.id, kind, dueAt: app.dueAt.toISOString() },
        { ...JOB_OPTIONS, jobId: slaJobId(kind, app.id, app.dueAt), delay },
      );
    }
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
