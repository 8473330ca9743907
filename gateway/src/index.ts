export { startGateway, serveGateway, type RunningGateway, type GatewayStartOptions } from './server';
export {
  loadGatewayConfig,
  gatewayEnvSchema,
  subgraphVariables,
  DEFAULT_SUPERGRAPH_PATH,
  type GatewayConfig,
  type SubgraphEndpoint,
} from './config';
export { composeApiSchema, composeSupergraph, CompositionError, type SubgraphSource } from './compose';
export { subgraphsOf, subgraphEnvName, subgraphUrlVariable, subgraphSecretVariable } from './supergraph';
export { SubgraphDataSource } from './subgraph-data-source';
export type { GatewayContext } from './context';
