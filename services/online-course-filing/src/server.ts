import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defineServiceServer, runServiceMain } from '@jianguan/platform';
import { loadFilingConfig } from './config';
import { filingDatabase } from './data-source';
import { createLoaders } from './loaders';
import { filingGraphResolvers } from './resolvers';

export const filingTypeDefs = readFileSync(path.join(__dirname, 'schema.graphql'), 'utf8');

/** Starts the online-course-filing subgraph; migrations are run by the launcher or the migration job. */
export const startOnlineCourseFilingServer = defineServiceServer({
  name: 'online-course-filing',
  loadConfig: loadFilingConfig,
  database: filingDatabase,
  typeDefs: filingTypeDefs,
  resolvers: filingGraphResolvers,
  context: ({ dataSource, config }) => ({ deps: { dataSource, config }, loaders: createLoaders(dataSource) }),
});

if (require.main === module) {
  runServiceMain('online-course-filing', loadFilingConfig(), () => startOnlineCourseFilingServer());
}
