import type http from 'node:http';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { queryLimits } from './armor';
import { hideSuggestions } from './suggestions';

/**
 * The Apollo Server settings the gateway and every subgraph share: query limits checked before
 * anything runs, introspection only outside production, CSRF prevention, no stack traces, no
 * "Did you mean" suggestions (suggestions.ts), and draining of in-flight requests on stop.
 */
export function hardenedApolloOptions<C extends BaseContext>(nodeEnv: string, httpServer: http.Server) {
  const limits = queryLimits();
  return {
    introspection: nodeEnv !== 'production',
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    // The process's own shutdown (runMain, the launcher) decides the order things stop in.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      hideSuggestions<C>(),
      ...(limits.plugins as ApolloServerPlugin<C>[]),
    ] as ApolloServerPlugin<C>[],
  };
}
