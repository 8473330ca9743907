import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defineServiceServer, runServiceMain } from '@jianguan/platform';
import { loadRegistryConfig } from './config';
import { registryDatabase } from './data-source';
import { createLoaders } from './loaders';
import { registryResolvers } from './resolvers';

export const registryTypeDefs = readFileSync(path.join(__dirname, 'schema.graphql'), 'utf8');

/** Starts the registry subgraph; `queryLogger` lets a test count the statements a request costs. */
export const startRegistryServer = defineServiceServer({
  name: 'registry',
  loadConfig: loadRegistryConfig,
  database: registryDatabase,
  typeDefs: registryTypeDefs,
  resolvers: registryResolvers,
  context: ({ dataSource }) => ({ dataSource, loaders: createLoaders(dataSource) }),
});

if (require.main === module) {
  runServiceMain('registry', loadRegistryConfig(), () => startRegistryServer());
}
