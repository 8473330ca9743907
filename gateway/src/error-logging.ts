import type { ApolloServerPlugin } from '@apollo/server';
import { isExpectedCode } from '@jianguan/platform';
import type { GatewayContext } from './context';

/**
 * Logs every error the client will only see masked, with the request id, so "Internal server
 * error" in a client report leads to the cause. Expected errors (bad input, forbidden…) are not
 * logged: they are answers, not faults.
 */
export function errorLogging(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ contextValue, errors, operationName }) {
          for (const error of errors) {
            if (isExpectedCode(error.extensions.code)) continue;
            contextValue.logger.error(
              {
                err: error.originalError ?? error,
                extensions: error.extensions,
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
