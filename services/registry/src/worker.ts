import {
  createLogger,
  openDataSource,
  runMain,
  startOperationsServer,
  type WorkerStartOptions,
} from '@jianguan/platform';
import { createWorkerMetrics, startEventPipeline } from '@jianguan/events';
import { loadRegistryConfig } from './config';
import { createRegistryDataSource, REGISTRY_SCHEMA } from './data-source';
import { registryEventHandlers } from './event-handlers';
import { scheduleCertificateReassessment } from './certificate-reassessment';

/** The registry's background work: relaying its outbox, and consuming what other departments decide. */
export async function startRegistryWorker(
  env?: Record<string, string | undefined>,
  options: WorkerStartOptions = {},
) {
  const config = loadRegistryConfig(env);
  const logger = createLogger('registry-worker', config.LOG_LEVEL, options.logDestination);
  const dataSource = await openDataSource(createRegistryDataSource(config.DATABASE_URL, { poolSize: 4 }), {
    migrate: false,
  });
  const metrics = createWorkerMetrics('registry');
  const events = await startEventPipeline({
    service: 'registry',
    schema: REGISTRY_SCHEMA,
    dataSource,
    redisUrl: config.REDIS_URL,
    prefix: config.QUEUE_PREFIX,
    logger,
    pollIntervalMs: config.OUTBOX_POLL_MS,
    metrics,
    handlers: registryEventHandlers,
  });
  const reassessment = await scheduleCertificateReassessment({
    dataSource,
    redisUrl: config.REDIS_URL,
    prefix: config.QUEUE_PREFIX,
    cron: config.REGISTRY_REASSESS_CRON,
    logger,
  });
  const operations = await startOperationsServer({
    name: 'registry-worker',
    host: config.HOST,
    port: config.WORKER_PORT,
    registry: metrics.registry,
    readiness: events.readiness,
    logger,
  });
  return {
    relay: events.relay,
    reassessment: reassessment.queue,
    operationsUrl: operations.url,
    stop: async () => {
      await operations.stop();
      await reassessment.stop();
      await events.stop();
      await metrics.queues.close();
      await dataSource.destroy();
    },
  };
}

if (require.main === module) {
  const config = loadRegistryConfig();
  runMain(createLogger('registry-worker', config.LOG_LEVEL), config.SHUTDOWN_GRACE_SECONDS, () =>
    startRegistryWorker(),
  );
}
