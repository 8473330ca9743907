import { defineServiceWorker, runWorkerMain, startDurableTimers, timerQueuePart } from '@jianguan/events';
import { registerProvisionalDeadlineGauge } from '@jianguan/platform';
import { enforcementBase } from './service-base';
import { enforcementEventHandlers } from './event-handlers';
import { runDeadlineJob, type DeadlineResult } from './deadlines/process';
import { reconcileDeadlines } from './deadlines/reconcile';
import { openDeadlineScheduler } from './deadlines/timings';
import { channelFor } from './deadlines/delivery';
import { registerOverdueMetrics } from './metrics';
import { endMeasure } from './penalties/end-measure';
import { runEnrolment } from './campaigns/enrol';

/**
 * The department's background work: relaying its outbox, consuming other departments' events, and the
 * deadline engine as durable timers — reminders, deadline checks, the escalation ladder, measures that
 * end with their term, and campaign enrolment in batches.
 */
export const startEnforcementWorker = defineServiceWorker(enforcementBase, {
  poolSize: (config) => Math.max(4, config.ENFORCEMENT_DEADLINE_CONCURRENCY + 2),
  // The event handlers open orders, which schedule their deadlines: the scheduler comes first.
  before: async ({ config }) => timerQueuePart(openDeadlineScheduler(config)),
  events: ({ config, logger }, { scheduler }) => ({
    handlers: enforcementEventHandlers({
      deadlines: scheduler,
      defaultDeadlineWorkingDays: config.ENFORCEMENT_DEFAULT_DEADLINE_WORKING_DAYS,
      logger,
    }),
  }),
  after: (context, { scheduler }) => {
    const { dataSource, logger, metrics, config } = context;
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
    registerOverdueMetrics(metrics.registry, dataSource);
    registerProvisionalDeadlineGauge(
      metrics.registry,
      dataSource,
      'enforcement',
      `SELECT count(*)::int AS count FROM enforcement.rectification_order
        WHERE deadline_provisional AND status = 'OPEN'`,
    );
    return startDurableTimers(context, {
      timers: scheduler,
      reconcile: () => reconcileDeadlines(dataSource, scheduler),
      reconcileEveryMs: config.ENFORCEMENT_RECONCILE_INTERVAL_MS,
      concurrency: config.ENFORCEMENT_DEADLINE_CONCURRENCY,
      lockMs: config.ENFORCEMENT_JOB_LOCK_MS,
      run: async ({ data }) => {
        if (data.kind === 'MEASURE_END') return { outcome: await endMeasure(dataSource, data) };
        if (data.kind === 'ENROL') {
          const batch = config.ENFORCEMENT_CAMPAIGN_BATCH_SIZE;
          return { opened: await runEnrolment(dataSource, scheduler, data.campaignId, batch) };
        }
        const outcome = await runDeadlineJob(dataSource, data, deadlineOptions, afterCommit);
        logger.debug({ orderId: data.orderId, kind: data.kind, outcome }, 'deadline job');
        return { outcome };
      },
    });
  },
});

if (require.main === module) {
  runWorkerMain(enforcementBase, () => startEnforcementWorker());
}
