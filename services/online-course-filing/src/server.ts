import { defineServiceServer, runServiceMain } from '@jianguan/platform';
import { filingBase } from './service-base';
import { createLoaders } from './loaders';
import { filingGraphResolvers } from './resolvers';

/** Starts the online-course-filing subgraph; migrations are run by the launcher or the migration job. */
export const startOnlineCourseFilingServer = defineServiceServer(filingBase, {
  resolvers: filingGraphResolvers,
  context: ({ dataSource, config }) => ({ deps: { dataSource, config }, loaders: createLoaders(dataSource) }),
});

if (require.main === module) {
  runServiceMain(filingBase, () => startOnlineCourseFilingServer());
}
