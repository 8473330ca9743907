import { ApolloArmor } from '@escape.tech/graphql-armor';

/** Longest query, in tokens, that the parser reads before giving up. */
const MAX_TOKENS = 4000;

/**
 * Query limits applied at the gateway and again at every subgraph. Refused queries never execute.
 * The numbers leave room for the largest dashboard query while stopping depth and alias bombs.
 * The token limit is graphql-js's own parser option: armor's plugin throws it during parsing,
 * which Apollo reports as a 500, whereas the parser's limit is a plain 400 syntax error.
 */
export function queryLimits() {
  const armor = new ApolloArmor({
    maxDepth: { n: 12 },
    maxAliases: { n: 30 },
    maxDirectives: { n: 50 },
    maxTokens: { enabled: false },
    costLimit: { maxCost: 20000 },
    // Suggestions of every kind are cut by our own plugin (suggestions.ts); armor's misses enum values.
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return { ...armor, parseOptions: { maxTokens: MAX_TOKENS } };
}
