import { runWorkerMain, startServiceWorker } from '@jianguan/events';
import type { WorkerStartOptions } from '@jianguan/platform';
import { loadPublicListConfig } from './config';
import { createPublicListDataSource, PUBLIC_LIST_SCHEMA } from './data-source';
import { publicListEventHandlers } from './event-handlers';
import { startListVersionAnnouncer } from './list-version-announcer';

/** public-list's background work: consuming every department's decisions into the lists (and relaying its outbox, empty today). */
export function startPublicListWorker(
  env?: Record<string, string | undefined>,
  options: WorkerStartOptions = {},
) {
  const config = loadPublicListConfig(env);
  return startServiceWorker({
    ...options,
    service: 'public-list',
    schema: PUBLIC_LIST_SCHEMA,
    config,
    dataSource: createPublicListDataSource(config.DATABASE_URL, { poolSize: 4 }),
    // Started first: every consumed event is announced once its transaction has committed.
    before: ({ dataSource, logger }) =>
      startListVersionAnnouncer({
        dataSource,
        redisUrl: config.REDIS_URL,
        prefix: config.QUEUE_PREFIX,
        logger,
      }),
    events: (_context, announcer) => ({ handlers: publicListEventHandlers, afterCommit: announcer.announce }),
  });
}

if (require.main === module) {
  runWorkerMain('public-list', loadPublicListConfig(), () => startPublicListWorker());
}
