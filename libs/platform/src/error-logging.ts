import type { ApolloServerPlugin } from '@apollo/server';
import { isExpectedCode } from './errors';
import type { Logger } from './logger';

/**
 * Logs every error the client will only see masked, with the request's logger (so with its request
 * id), so "Internal server error" in a client report leads to the cause. Expected errors (bad input,
 * forbidden…) are not logged: they are answers, not faults.
 */
export function errorLogging<C extends { logger: Logger }>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ contextValue, errors, operationName }) {
          for (const error of errors) {
            // A failed subgraph fetch (e.g. ECONNRESET) reaches here as a plain Error, without extensions.
            const extensions = (error as { extensions?: Record<string, unknown> }).extensions;
            if (isExpectedCode(extensions?.code)) continue;
            contextValue.logger.error(
              {
                err: error.originalError ?? error,
                extensions,
                path: error.path,
                operationName,
              },
              'internal error',
            );
          }
        },
      };
    },
  };
}
