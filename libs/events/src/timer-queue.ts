import { Queue, type JobsOptions } from 'bullmq';

/** What a kind of timer says about its jobs; every job's data names its `kind` (the job's name). */
export interface TimerKind<D extends { kind: string }> {
  /** Deterministic: the same timer always gets the same id, so adding it again is a no-op in BullMQ. */
  jobId: (timer: D) => string;
  /** When it is due (ms since the epoch); one in the past runs at once. */
  fireAt: (timer: D) => number;
  /** Retries and retention, the same for every timer of the queue. */
  jobOptions: JobsOptions;
}

/**
 * Durable timers' schedule on Redis (PostgreSQL holds the truth, and the reconciler puts back what
 * Redis lost). Commands add timers after they commit; the worker's startDurableTimers runs them.
 */
export class TimerQueue<D extends { kind: string }> {
  readonly queue: Queue<D>;

  constructor(
    name: string,
    connection: { redisUrl: string; prefix: string },
    private readonly kind: TimerKind<D>,
  ) {
    this.queue = new Queue<D>(name, { connection: { url: connection.redisUrl }, prefix: connection.prefix });
    // BullMQ reconnects by itself; without a listener an 'error' would crash the process.
    this.queue.on('error', () => {});
  }

  /** Adds timers in one bulk; one whose id exists is left as it is, so this is safe to repeat at any time. */
  async add(timers: readonly D[], now = Date.now()): Promise<void> {
    if (timers.length === 0) return;
    // BullMQ's generics cannot tell that `D` is plain job data: the queue is typed as a plain one here.
    await (this.queue as unknown as Queue).addBulk(
      timers.map((data) => ({
        name: data.kind,
        data,
        opts: {
          ...this.kind.jobOptions,
          jobId: this.kind.jobId(data),
          delay: Math.max(0, this.kind.fireAt(data) - now),
        },
      })),
    );
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}

/**
 * A timer queue as a worker part: opened before the event handlers (which may schedule on it) and
 * closed last, after the timer worker that runs its jobs.
 */
export const timerQueuePart = <Q extends Pick<TimerQueue<never>, 'close'>>(scheduler: Q) => ({
  scheduler,
  stop: () => scheduler.close(),
});
