import { defineServiceServer, runServiceMain } from '@jianguan/platform';
import { registryBase } from './service-base';
import { createLoaders } from './loaders';
import { registryResolvers } from './resolvers';

/** Starts the registry subgraph; `queryLogger` lets a test count the statements a request costs. */
export const startRegistryServer = defineServiceServer(registryBase, {
  resolvers: registryResolvers,
  context: ({ dataSource }) => ({ dataSource, loaders: createLoaders(dataSource) }),
});

if (require.main === module) {
  runServiceMain(registryBase, () => startRegistryServer());
}
