import {
  createLogger,
  openDataSource,
  runMain,
  startOperationsServer,
  type WorkerStartOptions,
} from '@jianguan/platform';
import { createWorkerMetrics, startEventPipeline } from '@jianguan/events';
import { loadPublicListConfig } from './config';
import { createPublicListDataSource, PUBLIC_LIST_SCHEMA } from './data-source';
import { publicListEventHandlers } from './event-handlers';
import { startListVersionAnnouncer } from './list-version-announcer';

/** public-list's background work: consuming every department's decisions into the lists (and relaying its outbox, empty today). */
export async function startPublicListWorker(
  env?: Record<string, string | undefined>,
  options: WorkerStartOptions = {},
) {
  const config = loadPublicListConfig(env);
  const logger = createLogger('public-list-worker', config.LOG_LEVEL, options.logDestination);
  const dataSource = await openDataSource(createPublicListDataSource(config.DATABASE_URL, { poolSize: 4 }), {
    migrate: false,
  });
  const metrics = createWorkerMetrics('public-list');
  // Started first: every consumed event is announced once its transaction has committed.
  const announcer = await startListVersionAnnouncer({
    dataSource,
    redisUrl: config.REDIS_URL,
    prefix: config.QUEUE_PREFIX,
    logger,
  });
  const events = await startEventPipeline({
    service: 'public-list',
    schema: PUBLIC_LIST_SCHEMA,
    dataSource,
    redisUrl: config.REDIS_URL,
    prefix: config.QUEUE_PREFIX,
    logger,
    pollIntervalMs: config.OUTBOX_POLL_MS,
    metrics,
    handlers: publicListEventHandlers,
    afterCommit: announcer.announce,
  });
  const operations = await startOperationsServer({
    name: 'public-list-worker',
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
      await announcer.stop();
      await metrics.queues.close();
      await dataSource.destroy();
    },
  };
}

if (require.main === module) {
  const config = loadPublicListConfig();
  runMain(createLogger('public-list-worker', config.LOG_LEVEL), config.SHUTDOWN_GRACE_SECONDS, () =>
    startPublicListWorker(),
  );
}
