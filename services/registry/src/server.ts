import { readFileSync } from 'node:fs';
import path from 'node:path';
import gql from 'graphql-tag';
import {
  createLogger,
  openDataSource,
  runMain,
  startSubgraph,
  type ServerStartOptions,
} from '@jianguan/platform';
import { loadRegistryConfig } from './config';
import { createRegistryDataSource } from './data-source';
import { buildRegistryContext, type RegistryContext } from './context';
import { registryResolvers } from './resolvers';

export const registryTypeDefs = readFileSync(path.join(__dirname, 'schema.graphql'), 'utf8');

/**
 * Starts the registry subgraph; migrations are run by the launcher or the migration job, not here.
 * `queryLogger` lets a test count the statements a request costs.
 */
export async function startRegistryServer(
  env?: Record<string, string | undefined>,
  options: ServerStartOptions = {},
) {
  const config = loadRegistryConfig(env);
  const logger = createLogger('registry', config.LOG_LEVEL);
  const dataSource = await openDataSource(
    createRegistryDataSource(config.DATABASE_URL, {
      poolSize: config.DATABASE_POOL_SIZE,
      logger: options.queryLogger,
    }),
    { migrate: false },
  );
  const server = await startSubgraph<RegistryContext>({
    name: 'registry',
    config,
    logger,
    typeDefs: gql(registryTypeDefs),
    resolvers: registryResolvers,
    buildContext: buildRegistryContext(dataSource),
    readiness: async () => {
      await dataSource.query('SELECT 1');
    },
  });
  return {
    url: server.url,
    port: server.port,
    dataSource,
    stop: async () => {
      await server.stop();
      await dataSource.destroy();
    },
  };
}

if (require.main === module) {
  const config = loadRegistryConfig();
  runMain(createLogger('registry', config.LOG_LEVEL), config.SHUTDOWN_GRACE_SECONDS, () =>
    startRegistryServer(),
  );
}
