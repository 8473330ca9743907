import type { ApolloServerPlugin, BaseContext } from '@apollo/server';

/**
 * graphql-js helps a caller who mistypes with "Did you mean …?": field, argument, type and input
 * field names, enum values ("Did you mean the enum value "BANNED"?") and abstract types ("Did you
 * mean to use an inline fragment on …?"). Without introspection that is a way to read the schema
 * piece by piece, so every such sentence is cut from every error before it is sent. (graphql-armor's
 * own blocker only knows the first form and let enum values through.) Names are GraphQL names,
 * which never hold a "?", so the sentence ends at the first one.
 */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

export const withoutSuggestions = (message: string) => message.replace(SUGGESTION, '');

/** Applied by the gateway and every subgraph (apollo-options.ts), to validation, coercion and resolver errors alike. */
export function hideSuggestions<C extends BaseContext>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) error.message = withoutSuggestions(error.message);
        },
      };
    },
  };
}
