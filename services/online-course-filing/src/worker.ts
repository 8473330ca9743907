import {
  createLogger,
  openDataSource,
  runMain,
  startOperationsServer,
  type WorkerStartOptions,
} from '@jianguan/platform';
import { createWorkerMetrics, startEventPipeline } from '@jianguan/events';
import { loadFilingConfig } from './config';
import { createFilingDataSource, FILING_SCHEMA } from './data-source';
import { filingEventHandlers } from './event-handlers';

/** The department's background work: relaying its outbox and keeping the institution read model. */
export async function startOnlineCourseFilingWorker(
  env?: Record<string, string | undefined>,
  options: WorkerStartOptions = {},
) {
  const config = loadFilingConfig(env);
  const logger = createLogger('online-course-filing-worker', config.LOG_LEVEL, options.logDestination);
  const dataSource = await openDataSource(createFilingDataSource(config.DATABASE_URL, { poolSize: 4 }), {
    migrate: false,
  });
  const metrics = createWorkerMetrics('online-course-filing');
  const events = await startEventPipeline({
    service: 'online-course-filing',
    schema: FILING_SCHEMA,
    dataSource,
    redisUrl: config.REDIS_URL,
    prefix: config.QUEUE_PREFIX,
    logger,
    pollIntervalMs: config.OUTBOX_POLL_MS,
    metrics,
    handlers: filingEventHandlers,
  });
  logger.info('online-course-filing worker started');
  const operations = await startOperationsServer({
    name: 'online-course-filing-worker',
    host: config.HOST,
    port: config.WORKER_PORT,
    registry: metrics.registry,
    readiness: events.readiness,
    logger,
  });
  return {
    relay: events.relay,
    operationsUrl: operations.url,
    stop: async () => {
      await operations.stop();
      await events.stop();
      await metrics.queues.close();
      await dataSource.destroy();
    },
  };
}

if (require.main === module) {
  const config = loadFilingConfig();
  runMain(createLogger('online-course-filing-worker', config.LOG_LEVEL), config.SHUTDOWN_GRACE_SECONDS, () =>
    startOnlineCourseFilingWorker(),
  );
}
