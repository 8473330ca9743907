import { defineServiceWorker, runWorkerMain } from '@jianguan/events';
import { registryBase } from './service-base';
import { registryEventHandlers } from './event-handlers';
import { scheduleCertificateReassessment } from './certificate-reassessment';

/** The registry's background work: relaying its outbox, and consuming what other departments decide. */
export const startRegistryWorker = defineServiceWorker(registryBase, {
  events: () => ({ handlers: registryEventHandlers }),
  // The nightly re-reading of certificates that lapse with time.
  after: async ({ dataSource, logger, config }) => {
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

if (require.main === module) {
  runWorkerMain(registryBase, () => startRegistryWorker());
}
