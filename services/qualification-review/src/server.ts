import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defineServiceServer, runServiceMain } from '@jianguan/platform';
import { loadReviewConfig } from './config';
import { reviewDatabase } from './data-source';
import { createLoaders } from './loaders';
import { reviewResolvers } from './resolvers';
import { openSlaScheduler } from './sla/timings';

export const reviewTypeDefs = readFileSync(path.join(__dirname, 'schema.graphql'), 'utf8');

/**
 * Starts the qualification-review subgraph; migrations are run by the launcher or the migration job.
 * Commands schedule SLA jobs on Redis after they commit; the worker's reconciler covers a crash in between.
 */
export const startQualificationReviewServer = defineServiceServer({
  name: 'qualification-review',
  loadConfig: loadReviewConfig,
  database: reviewDatabase,
  typeDefs: reviewTypeDefs,
  resolvers: reviewResolvers,
  open: openSlaScheduler,
  close: (sla) => sla.close(),
  context: ({ dataSource, config, opened: sla }) => ({
    deps: { dataSource, config, sla },
    loaders: createLoaders(dataSource),
  }),
});

if (require.main === module) {
  runServiceMain('qualification-review', loadReviewConfig(), () => startQualificationReviewServer());
}
