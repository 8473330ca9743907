import { defineServiceWorker, runWorkerMain } from '@jianguan/events';
import { publicListBase } from './service-base';
import { publicListEventHandlers } from './event-handlers';
import { startListVersionAnnouncer } from './list-version-announcer';

/** public-list's background work: consuming every department's decisions into the lists (and relaying its outbox, empty today). */
export const startPublicListWorker = defineServiceWorker(publicListBase, {
  // Started first: every consumed event is announced once its transaction has committed.
  before: ({ dataSource, logger, config }) =>
    startListVersionAnnouncer({
      dataSource,
      redisUrl: config.REDIS_URL,
      prefix: config.QUEUE_PREFIX,
      logger,
    }),
  events: (_context, announcer) => ({ handlers: publicListEventHandlers, afterCommit: announcer.announce }),
});

if (require.main === module) {
  runWorkerMain(publicListBase, () => startPublicListWorker());
}
