import { Worker, type Job } from 'bullmq';
import {
  createLogger,
  openDataSource,
  runMain,
  startOperationsServer,
  type WorkerStartOptions,
} from '@jianguan/platform';
import { createWorkerMetrics, startEventPipeline } from '@jianguan/events';
import { loadReviewConfig } from './config';
import { createReviewDataSource, REVIEW_SCHEMA } from './data-source';
import { reviewEventHandlers } from './event-handlers';
import { RECONCILE_JOB, SLA_QUEUE, SlaScheduler, type SlaJobData } from './sla/schedule';
import { processSlaJob, reconcileSla } from './sla/process';
import { slaTimings } from './sla/timings';

/**
 * The department's background work: relaying its outbox, keeping the institution read model from
 * registry events, and the review time limits (reminders, escalations, and the reconciler that
 * re-schedules whatever Redis lost — at start and then periodically as a BullMQ job scheduler).
 */
export async function startQualificationReviewWorker(
  env?: Record<string, string | undefined>,
  options: WorkerStartOptions = {},
) {
  const config = loadReviewConfig(env);
  const logger = createLogger('qualification-review-worker', config.LOG_LEVEL, options.logDestination);
  const dataSource = await openDataSource(createReviewDataSource(config.DATABASE_URL, { poolSize: 4 }), {
    migrate: false,
  });
  const metrics = createWorkerMetrics('qualification-review');
  const events = await startEventPipeline({
    service: 'qualification-review',
    schema: REVIEW_SCHEMA,
    dataSource,
    redisUrl: config.REDIS_URL,
    prefix: config.QUEUE_PREFIX,
    logger,
    pollIntervalMs: config.OUTBOX_POLL_MS,
    metrics,
    handlers: reviewEventHandlers,
  });
  const scheduler = new SlaScheduler(config.REDIS_URL, config.QUEUE_PREFIX, slaTimings(config));
  const slaWorker = new Worker<SlaJobData>(
    SLA_QUEUE,
    async (job: Job<SlaJobData>) => {
      if (job.name === RECONCILE_JOB) return { reconciled: await reconcileSla(dataSource, scheduler) };
      const outcome = await processSlaJob(dataSource, job.data);
      logger.info({ applicationId: job.data.applicationId, kind: job.data.kind, outcome }, 'review SLA job');
      return { outcome };
    },
    { connection: { url: config.REDIS_URL }, prefix: config.QUEUE_PREFIX, concurrency: 5 },
  );
  slaWorker.on('error', (error) => logger.error({ err: error }, 'SLA worker error'));
  slaWorker.on('failed', (job, error) => logger.warn({ err: error, jobId: job?.id }, 'SLA job failed'));
  metrics.queues.watch(slaWorker);
  await slaWorker.waitUntilReady();
  await reconcileSla(dataSource, scheduler);
  await scheduler.queue.upsertJobScheduler(
    RECONCILE_JOB,
    { every: config.REVIEW_RECONCILE_INTERVAL_MS },
    { name: RECONCILE_JOB, opts: { removeOnComplete: true, removeOnFail: 100 } },
  );
  const operations = await startOperationsServer({
    name: 'qualification-review-worker',
    host: config.HOST,
    port: config.WORKER_PORT,
    registry: metrics.registry,
    readiness: events.readiness,
    logger,
  });
  logger.info('qualification-review worker started');
  return {
    relay: events.relay,
    operationsUrl: operations.url,
    stop: async () => {
      await operations.stop();
      await slaWorker.close();
      await scheduler.close();
      await events.stop();
      await metrics.queues.close();
      await dataSource.destroy();
    },
  };
}

if (require.main === module) {
  const config = loadReviewConfig();
  runMain(createLogger('qualification-review-worker', config.LOG_LEVEL), config.SHUTDOWN_GRACE_SECONDS, () =>
    startQualificationReviewWorker(),
  );
}
