import { ApolloArmor } from '@escape.tech/graphql-armor';

/**
 * Query limits applied at the gateway and again at every subgraph. Refused queries never execute.
 * The numbers leave room for the largest dashboard query while stopping depth and alias bombs.
 */
export function queryLimits() {
  return new ApolloArmor({
    maxDepth: { n: 12 },
    maxAliases: { n: 30 },
    maxDirectives: { n: 50 },
    maxTokens: { n: 4000 },
    costLimit: { maxCost: 20000 },
    blockFieldSuggestion: { enabled: true },
  }).protect();
}
