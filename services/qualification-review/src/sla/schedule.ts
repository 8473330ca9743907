import { TimerQueue } from '@jianguan/events';
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

export type SchedulableApplication = Pick<ApplicationEntity, 'id' | 'status' | 'clockPausedAt' | 'dueAt'>;

/** Whether the clock is running: open and not paused for materials. */
export const clockRunning = (app: Pick<ApplicationEntity, 'status' | 'clockPausedAt'>) =>
  OPEN_STATUSES.includes(app.status) && app.clockPausedAt === null;

/** Puts an application's reminder and escalation on the queue (Redis holds the schedule; Postgres the truth). */
export class SlaScheduler extends TimerQueue<SlaJobData> {
  constructor(
    redisUrl: string,
    prefix: string,
    readonly timings: SlaTimings,
  ) {
    super(
      SLA_QUEUE,
      { redisUrl, prefix },
      {
        jobId: (job) => slaJobId(job.kind, job.applicationId, new Date(job.dueAt)),
        fireAt: (job) => slaFireAt(job.kind, new Date(job.dueAt), timings).getTime(),
        jobOptions: {
          attempts: 8,
          backoff: { type: 'exponential', delay: 1000 },
          // Completed jobs go: a re-added job finds its notification row and does nothing.
          removeOnComplete: true,
          removeOnFail: { age: 7 * 24 * 3600 },
        },
      },
    );
  }

  /** The jobs of the application's current dueAt, less the kinds already sent; none while the clock stops. */
  jobsFor(app: SchedulableApplication, alreadySent: readonly NotificationKind[] = []): SlaJobData[] {
    if (!clockRunning(app)) return [];
    return (['REMINDER', 'ESCALATION'] as const)
      .filter((kind) => !alreadySent.includes(kind))
      .map((kind) => ({ applicationId: app.id, kind, dueAt: app.dueAt.toISOString() }));
  }

  /** Schedules the application's jobs (see jobsFor); safe to call again at any time. */
  schedule(
    app: SchedulableApplication,
    alreadySent: readonly NotificationKind[] = [],
    now = Date.now(),
  ): Promise<void> {
    return this.add(this.jobsFor(app, alreadySent), now);
  }
}
