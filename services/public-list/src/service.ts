import { defineService } from '@jianguan/platform';
import { publicListBase } from './service-base';
import { startPublicListServer } from './server';
import { startPublicListWorker } from './worker';

export const publicListService = defineService(publicListBase, {
  // Trigram search; a trusted extension, but only a role that may create in `public` can add it.
  extensions: ['pg_trgm'],
  defaultPort: 4005,
  startServer: startPublicListServer,
  startWorker: startPublicListWorker,
});
