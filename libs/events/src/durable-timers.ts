import { Worker, type Job, type Queue } from 'bullmq';
import type { WorkerConfig, WorkerContext, WorkerPart } from './service-worker';
import type { TimerQueue } from './timer-queue';

/** The job that puts back, from PostgreSQL, whatever timers Redis lost. */
export const RECONCILE_JOB = 'reconcile';

export interface DurableTimersOptions<D extends { kind: string }> {
  /** The queue the timers are scheduled on (one per kind of timer); whoever made it closes it. */
  timers: TimerQueue<D>;
  /** Schedules every timer PostgreSQL says is pending and Redis does not hold; returns how many. */
  reconcile: () => Promise<number>;
  reconcileEveryMs: number;
  /** Runs one due timer (never the reconcile job). */
  run: (job: Job<D>) => Promise<unknown>;
  concurrency: number;
  /** How long a job may run before BullMQ thinks its worker died (and checks that often). */
  lockMs?: number;
}

/**
 * Timers that survive a lost Redis: the truth is in PostgreSQL, BullMQ holds delayed jobs for it, and
 * the reconciler puts back what Redis lost — once at start, then periodically as a job scheduler, so
 * one replica does it at a time. Each timer's `run` must be idempotent: a reconciled job can meet a
 * job that was not lost after all, and BullMQ retries one whose worker died.
 */
export async function startDurableTimers<C extends WorkerConfig, D extends { kind: string }>(
  { config, logger, metrics }: WorkerContext<C>,
  options: DurableTimersOptions<D>,
): Promise<WorkerPart & { worker: Worker<D> }> {
  const queue = options.timers.queue;
  const worker = new Worker<D>(
    queue.name,
    async (job: Job<D>) => {
      if (job.name === RECONCILE_JOB) return { reconciled: await options.reconcile() };
      return options.run(job);
    },
    {
      connection: { url: config.REDIS_URL },
      prefix: config.QUEUE_PREFIX,
      concurrency: options.concurrency,
      ...(options.lockMs ? { lockDuration: options.lockMs, stalledInterval: options.lockMs } : {}),
    },
  );
  worker.on('error', (error) => logger.error({ err: error, queue: queue.name }, 'timer worker error'));
  worker.on('failed', (job, error) =>
    logger.warn({ err: error, jobId: job?.id, queue: queue.name }, 'timer job failed'),
  );
  metrics.queues.watch(worker);
  await worker.waitUntilReady();
  await options.reconcile();
  // Typed as a plain queue: the reconcile job carries no timer data and is told apart by its name.
  await (queue as unknown as Queue).upsertJobScheduler(
    RECONCILE_JOB,
    { every: options.reconcileEveryMs },
    { name: RECONCILE_JOB, opts: { removeOnComplete: true, removeOnFail: 100 } },
  );
  return {
    worker,
    stop: async () => {
      await worker.close();
    },
  };
}
