import { runWorkerMain, startServiceWorker } from '@jianguan/events';
import type { WorkerStartOptions } from '@jianguan/platform';
import { loadRegistryConfig } from './config';
import { createRegistryDataSource, REGISTRY_SCHEMA } from './data-source';
import { registryEventHandlers } from './event-handlers';
import { scheduleCertificateReassessment } from './certificate-reassessment';

/** The registry's background work: relaying its outbox, and consuming what other departments decide. */
export function startRegistryWorker(
  env?: Record<string, string | undefined>,
  options: WorkerStartOptions = {},
) {
  const config = loadRegistryConfig(env);
  return startServiceWorker({
    ...options,
    service: 'registry',
    schema: REGISTRY_SCHEMA,
    config,
    dataSource: createRegistryDataSource(config.DATABASE_URL, { poolSize: 4 }),
    events: () => ({ handlers: registryEventHandlers }),
    // The nightly re-reading of certificates that lapse with time.
    after: async ({ dataSource, logger }) => {
      const reassessment = await scheduleCertificateReassessment({
        dataSource,
        redisUrl: config.REDIS_URL,
        prefix: config.QUEUE_PREFIX,
        cron: config.REGISTRY_REASSESS_CRON,
        logger,
      });
      return { reassessment: reassessment.queue, stop: reassessment.stop };
    },
  });
}

if (require.main === module) {
  runWorkerMain('registry', loadRegistryConfig(), () => startRegistryWorker());
}
