import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runServiceMain, startServiceServer, type ServerStartOptions } from '@jianguan/platform';
import { loadRegistryConfig } from './config';
import { createRegistryDataSource } from './data-source';
import { buildRegistryContext } from './context';
import { registryResolvers } from './resolvers';

export const registryTypeDefs = readFileSync(path.join(__dirname, 'schema.graphql'), 'utf8');

/** Starts the registry subgraph; `queryLogger` lets a test count the statements a request costs. */
export function startRegistryServer(
  env?: Record<string, string | undefined>,
  options: ServerStartOptions = {},
) {
  const config = loadRegistryConfig(env);
  return startServiceServer({
    name: 'registry',
    config,
    typeDefs: registryTypeDefs,
    resolvers: registryResolvers,
    dataSource: createRegistryDataSource(config.DATABASE_URL, {
      poolSize: config.DATABASE_POOL_SIZE,
      logger: options.queryLogger,
    }),
    logDestination: options.logDestination,
    buildContext: buildRegistryContext,
  });
}

if (require.main === module) {
  runServiceMain('registry', loadRegistryConfig(), () => startRegistryServer());
}
