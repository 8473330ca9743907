import { defineServiceWorker, runWorkerMain } from '@jianguan/events';
import { loadPublicListConfig } from './config';
import { publicListDatabase } from './data-source';
import { publicListEventHandlers } from './event-handlers';
import { startListVersionAnnouncer } from './list-version-announcer';

/** public-list's background work: consuming every department's decisions into the lists (and relaying its outbox, empty today). */
export const startPublicListWorker = defineServiceWorker({
  service: 'public-list',
  loadConfig: loadPublicListConfig,
  database: publicListDatabase,
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
  runWorkerMain('public-list', loadPublicListConfig(), () => startPublicListWorker());
}
