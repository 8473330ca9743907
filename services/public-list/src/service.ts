import type { ServiceDefinition } from '@jianguan/platform';
import { publicListTypeDefs, startPublicListServer } from './server';
import { startPublicListWorker } from './worker';
import { migratePublicList } from './migrate';
import { PUBLIC_LIST_SCHEMA } from './data-source';

export const publicListService: ServiceDefinition = {
  name: 'public-list',
  schema: PUBLIC_LIST_SCHEMA,
  // Trigram search; a trusted extension, but only a role that may create in `public` can add it.
  extensions: ['pg_trgm'],
  defaultPort: 4005,
  typeDefs: publicListTypeDefs,
  migrate: migratePublicList,
  startServer: startPublicListServer,
  startWorker: startPublicListWorker,
};
