import { Worker, type Job } from 'bullmq';
import {
  createLogger,
  openDataSource,
  runMain,
  startOperationsServer,
  type WorkerStartOptions,
} from '@jianguan/platform';
import { createWorkerMetrics, startEventPipeline } from '@jianguan/events';
import { loadEnforcementConfig } from './config';
import { createEnforcementDataSource, ENFORCEMENT_SCHEMA } from './data-source';
import { enforcementEventHandlers } from './event-handlers';
import { DEADLINE_QUEUE, DeadlineScheduler, RECONCILE_JOB, type DeadlineJobData } from './deadlines/schedule';
import { runDeadlineJob, type DeadlineResult } from './deadlines/process';
import { reconcileDeadlines } from './deadlines/reconcile';
import { deadlineTimings } from './deadlines/timings';
import { channelFor } from './deadlines/delivery';
import { registerOverdueMetrics } from './metrics';
import { endMeasure } from './penalties/end-measure';
import { runEnrolment } from './campaigns/enrol';

/**
 * The department's background work: relaying its outbox, consuming other departments' events, and the
 * deadline engine — reminders, deadline checks, the escalation ladder, and the reconciler that
 * re-schedules whatever Redis lost (at start and then periodically as a BullMQ job scheduler).
 */
export async function startEnforcementWorker(
  env?: Record<string, string | undefined>,
  options: WorkerStartOptions = {},
) {
  const config = loadEnforcementConfig(env);
  const logger = createLogger('enforcement-worker', config.LOG_LEVEL, options.logDestination);
  const dataSource = await openDataSource(
    createEnforcementDataSource(config.DATABASE_URL, {
      poolSize: Math.max(4, config.ENFORCEMENT_DEADLINE_CONCURRENCY + 2),
    }),
    { migrate: false },
  );
  const scheduler = new DeadlineScheduler(config.REDIS_URL, config.QUEUE_PREFIX, deadlineTimings(config));
  const metrics = createWorkerMetrics('enforcement');
  const events = await startEventPipeline({
    service: 'enforcement',
    schema: ENFORCEMENT_SCHEMA,
    dataSource,
    redisUrl: config.REDIS_URL,
    prefix: config.QUEUE_PREFIX,
    logger,
    pollIntervalMs: config.OUTBOX_POLL_MS,
    metrics,
    handlers: enforcementEventHandlers({
      deadlines: scheduler,
      defaultDeadlineWorkingDays: config.ENFORCEMENT_DEFAULT_DEADLINE_WORKING_DAYS,
    }),
  });
  const channel = channelFor(config.ENFORCEMENT_NOTIFY_WEBHOOK_URL, logger);
  const deadlineOptions = {
    grace: config.ENFORCEMENT_ESCALATION_GRACE,
    batchSize: config.ENFORCEMENT_DEADLINE_BATCH_SIZE,
  };
  // After each commit: the next rung of the ladder (the reconciler covers a crash right here), then
  // the notifications.
  const afterCommit = async (result: DeadlineResult) => {
    await scheduler.scheduleAll(result.next);
    if (result.notifications.length > 0) await channel.deliver(result.notifications);
  };
  const deadlineWorker = new Worker<DeadlineJobData>(
    DEADLINE_QUEUE,
    async (job: Job<DeadlineJobData>) => {
      if (job.name === RECONCILE_JOB) return { reconciled: await reconcileDeadlines(dataSource, scheduler) };
      const data = job.data;
      if (data.kind === 'MEASURE_END') return { outcome: await endMeasure(dataSource, data) };
      if (data.kind === 'ENROL') {
        const batch = config.ENFORCEMENT_CAMPAIGN_BATCH_SIZE;
        return { opened: await runEnrolment(dataSource, scheduler, data.campaignId, batch) };
      }
      const outcome = await runDeadlineJob(dataSource, data, deadlineOptions, afterCommit);
      logger.debug({ orderId: data.orderId, kind: data.kind, outcome }, 'deadline job');
      return { outcome };
    },
    {
      connection: { url: config.REDIS_URL },
      prefix: config.QUEUE_PREFIX,
      concurrency: config.ENFORCEMENT_DEADLINE_CONCURRENCY,
      lockDuration: config.ENFORCEMENT_JOB_LOCK_MS,
      stalledInterval: config.ENFORCEMENT_JOB_LOCK_MS,
    },
  );
  deadlineWorker.on('error', (error) => logger.error({ err: error }, 'deadline worker error'));
  deadlineWorker.on('failed', (job, error) =>
    logger.warn({ err: error, jobId: job?.id }, 'deadline job failed'),
  );
  metrics.queues.watch(deadlineWorker);
  registerOverdueMetrics(metrics.registry, dataSource);
  await deadlineWorker.waitUntilReady();
  await reconcileDeadlines(dataSource, scheduler);
  await scheduler.queue.upsertJobScheduler(
    RECONCILE_JOB,
    { every: config.ENFORCEMENT_RECONCILE_INTERVAL_MS },
    { name: RECONCILE_JOB, opts: { removeOnComplete: true, removeOnFail: 100 } },
  );
  const operations = await startOperationsServer({
    name: 'enforcement-worker',
    host: config.HOST,
    port: config.WORKER_PORT,
    registry: metrics.registry,
    readiness: events.readiness,
    logger,
  });
  logger.info('enforcement worker started');
  return {
    relay: events.relay,
    operationsUrl: operations.url,
    stop: async () => {
      await operations.stop();
      await deadlineWorker.close();
      await scheduler.close();
      await events.stop();
      await metrics.queues.close();
      await dataSource.destroy();
    },
  };
}

if (require.main === module) {
  const config = loadEnforcementConfig();
  runMain(createLogger('enforcement-worker', config.LOG_LEVEL), config.SHUTDOWN_GRACE_SECONDS, () =>
    startEnforcementWorker(),
  );
}
