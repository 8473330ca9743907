import { Queue, type Job, type Worker } from 'bullmq';
import { Gauge, Histogram, type Registry } from 'prom-client';
import { withTimeout } from '@jianguan/platform';

/** The job states an operator watches; `completed` grows without bound and says little. */
const STATES = ['waiting', 'active', 'delayed', 'failed'] as const;
/** Seconds; event jobs take milliseconds, a backlog behind a Redis outage can take an hour. */
const JOB_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 60, 300, 900, 3600];
/** A scrape must not hang on a Redis that does not answer; its queues are then left out. */
const COUNT_TIMEOUT_MS = 2000;

/**
 * Queue metrics of one worker process, for the queues it consumes:
 * - `jianguan_queue_jobs{queue,state}`: jobs waiting, active, delayed and failed, read from BullMQ
 *   when Prometheus scrapes;
 * - `jianguan_job_latency_seconds{queue,outcome}`: from when a job was due (added, plus its delay)
 *   to when it finished, so waiting in the queue counts;
 * - `jianguan_job_processing_seconds{queue,outcome}`: from a worker taking the job to it finishing.
 * A failed attempt that will be retried counts as `failed`.
 */
export class QueueMetrics {
  private readonly queues: Queue[] = [];
  private readonly latency: Histogram<'queue' | 'outcome'>;
  private readonly processing: Histogram<'queue' | 'outcome'>;

  constructor(registry: Registry) {
    const queues = this.queues;
    new Gauge({
      name: 'jianguan_queue_jobs',
      help: 'Jobs in a queue this worker consumes, per state (waiting, active, delayed, failed)',
      labelNames: ['queue', 'state'],
      registers: [registry],
      async collect() {
        this.reset();
        await Promise.all(
          queues.map(async (queue) => {
            const counts = await withTimeout(
              queue.getJobCounts(...STATES),
              COUNT_TIMEOUT_MS,
              `job counts of ${queue.name} timed out`,
            ).catch(() => undefined);
            if (!counts) return;
            for (const state of STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
          }),
        );
      },
    });
    this.latency = new Histogram({
      name: 'jianguan_job_latency_seconds',
      help: 'Time from a job being due (enqueued, plus any delay) to it finishing, per queue',
      labelNames: ['queue', 'outcome'],
      buckets: JOB_BUCKETS,
      registers: [registry],
    });
    this.processing = new Histogram({
      name: 'jianguan_job_processing_seconds',
      help: 'Time a worker spent on a job, per queue',
      labelNames: ['queue', 'outcome'],
      buckets: JOB_BUCKETS,
      registers: [registry],
    });
  }

  /** Counts `worker`'s queue and times its jobs; the counting connection is closed by `close`. */
  watch(worker: Worker): void {
    const queue = new Queue(worker.name, { connection: worker.opts.connection, prefix: worker.opts.prefix });
    // Without a listener an 'error' event would crash the process; a failed count only drops samples.
    queue.on('error', () => undefined);
    this.queues.push(queue);
    worker.on('completed', (job) => this.observe(worker.name, job, 'completed'));
    worker.on('failed', (job) => {
      if (job) this.observe(worker.name, job, 'failed');
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.queues.map((queue) => queue.close()));
  }

  private observe(queue: string, job: Job, outcome: 'completed' | 'failed') {
    const finished = job.finishedOn ?? Date.now();
    const due = job.timestamp + (job.delay ?? 0);
    this.latency.observe({ queue, outcome }, Math.max(0, finished - due) / 1000);
    if (job.processedOn) {
      this.processing.observe({ queue, outcome }, Math.max(0, finished - job.processedOn) / 1000);
    }
  }
}
