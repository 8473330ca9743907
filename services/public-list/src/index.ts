export { publicListService } from './service';
export { startPublicListServer } from './server';
export { startPublicListWorker } from './worker';
export { migratePublicList } from './migrate';
export { createPublicListDataSource, PUBLIC_LIST_SCHEMA } from './data-source';
export { publicListEventHandlers, applyEvent } from './event-handlers';
export { publicListConfigSchema } from './config';
