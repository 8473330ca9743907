import { createLogger, openDataSource, runMain } from '@jianguan/platform';
import { startEventPipeline } from '@jianguan/events';
import { loadRegistryConfig } from './config';
import { createRegistryDataSource, REGISTRY_SCHEMA } from './data-source';
import { registryEventHandlers } from './event-handlers';
import { scheduleCertificateReassessment } from './certificate-reassessment';

/** The registry's background work: relaying its outbox, and consuming what other departments decide. */
export async function startRegistryWorker(env?: Record<string, string | undefined>) {
  const config = loadRegistryConfig(env);
  const logger = createLogger('registry-worker', config.LOG_LEVEL);
  const dataSource = await openDataSource(createRegistryDataSource(config.DATABASE_URL, { poolSize: 4 }), {
    migrate: false,
  });
  const events = await startEventPipeline({
    service: 'registry',
    schema: REGISTRY_SCHEMA,
    dataSource,
    redisUrl: config.REDIS_URL,
    prefix: config.QUEUE_PREFIX,
    logger,
    pollIntervalMs: config.OUTBOX_POLL_MS,
    handlers: registryEventHandlers,
  });
  const reassessment = await scheduleCertificateReassessment({
    dataSource,
    redisUrl: config.REDIS_URL,
    prefix: config.QUEUE_PREFIX,
    cron: config.REGISTRY_REASSESS_CRON,
    logger,
  });
  return {
    relay: events.relay,
    reassessment: reassessment.queue,
    stop: async () => {
      await reassessment.stop();
      await events.stop();
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
