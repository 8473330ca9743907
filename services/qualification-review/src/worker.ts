import { runWorkerMain, startDurableTimers, startServiceWorker } from '@jianguan/events';
import { registerProvisionalDeadlineGauge, type WorkerStartOptions } from '@jianguan/platform';
import { loadReviewConfig } from './config';
import { createReviewDataSource, REVIEW_SCHEMA } from './data-source';
import { reviewEventHandlers } from './event-handlers';
import { SLA_QUEUE, SlaScheduler } from './sla/schedule';
import { processSlaJob, reconcileSla } from './sla/process';
import { slaTimings } from './sla/timings';
import { OPEN_STATUSES } from './domain/status';

/**
 * The department's background work: relaying its outbox, keeping the institution read model from
 * registry events, and the review time limits (reminders and escalations, as durable timers).
 */
export function startQualificationReviewWorker(
  env?: Record<string, string | undefined>,
  options: WorkerStartOptions = {},
) {
  const config = loadReviewConfig(env);
  return startServiceWorker({
    ...options,
    service: 'qualification-review',
    schema: REVIEW_SCHEMA,
    config,
    dataSource: createReviewDataSource(config.DATABASE_URL, { poolSize: 4 }),
    // The scheduler outlives the timer worker, as enforcement's does: it is closed last.
    before: async () => {
      const scheduler = new SlaScheduler(config.REDIS_URL, config.QUEUE_PREFIX, slaTimings(config));
      return { scheduler, stop: () => scheduler.close() };
    },
    events: (_context, { scheduler }) => ({ handlers: reviewEventHandlers({ sla: scheduler }) }),
    after: (context, { scheduler }) => {
      const { dataSource, logger, metrics } = context;
      registerProvisionalDeadlineGauge(
        metrics.registry,
        dataSource,
        'qualification-review',
        `SELECT count(*)::int AS count FROM ${REVIEW_SCHEMA}.application
          WHERE due_provisional AND status IN (${OPEN_STATUSES.map((s) => `'${s}'`).join(',')})`,
      );
      return startDurableTimers(context, {
        queue: SLA_QUEUE,
        schedulerQueue: scheduler.queue,
        reconcile: () => reconcileSla(dataSource, scheduler),
        reconcileEveryMs: config.REVIEW_RECONCILE_INTERVAL_MS,
        concurrency: 5,
        run: async (job) => {
          const outcome = await processSlaJob(dataSource, job.data);
          logger.info(
            { applicationId: job.data.applicationId, kind: job.data.kind, outcome },
            'review SLA job',
          );
          return { outcome };
        },
      });
    },
  });
}

if (require.main === module) {
  runWorkerMain('qualification-review', loadReviewConfig(), () => startQualificationReviewWorker());
}
