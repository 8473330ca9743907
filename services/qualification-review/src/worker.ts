import { defineServiceWorker, runWorkerMain, startDurableTimers, timerQueuePart } from '@jianguan/events';
import { reviewBase } from './service-base';
import { registerProvisionalDeadlineGauge } from '@jianguan/platform';
import { REVIEW_SCHEMA } from './data-source';
import { reviewEventHandlers } from './event-handlers';
import { processSlaJob, reconcileSla } from './sla/process';
import { openSlaScheduler } from './sla/timings';
import { OPEN_STATUSES } from './domain/status';

/**
 * The department's background work: relaying its outbox, keeping the institution read model from
 * registry events, and the review time limits (reminders and escalations, as durable timers).
 */
export const startQualificationReviewWorker = defineServiceWorker(reviewBase, {
  // The scheduler outlives the timer worker, as enforcement's does: it is closed last.
  before: async ({ config }) => timerQueuePart(openSlaScheduler(config)),
  events: (_context, { scheduler }) => ({ handlers: reviewEventHandlers({ sla: scheduler }) }),
  after: (context, { scheduler }) => {
    const { dataSource, logger, config, metrics } = context;
    registerProvisionalDeadlineGauge(
      metrics.registry,
      dataSource,
      'qualification-review',
      `SELECT count(*)::int AS count FROM ${REVIEW_SCHEMA}.application
        WHERE due_provisional AND status IN (${OPEN_STATUSES.map((s) => `'${s}'`).join(',')})`,
    );
    return startDurableTimers(context, {
      timers: scheduler,
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

if (require.main === module) {
  runWorkerMain(reviewBase, () => startQualificationReviewWorker());
}
