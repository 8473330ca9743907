import { defineServiceBase } from '@jianguan/platform';
import { loadPublicListConfig } from './config';
import { publicListDatabase } from './data-source';

/** What the service's server, worker, migration job and definition share. */
export const publicListBase = defineServiceBase({
  name: 'public-list',
  loadConfig: loadPublicListConfig,
  database: publicListDatabase,
  sourceDirectory: __dirname,
});
