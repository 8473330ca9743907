import type { GraphQLFormattedError } from 'graphql';
import { maskingFormatError } from '@jianguan/platform';

const mask = maskingFormatError(() => {
  // Logged with its request id by the errorLogging plugin, which sees the context.
});

/**
 * Expected errors reach the client exactly as the subgraph raised them (code, field, message);
 * the `serviceName` the gateway adds is dropped, since clients must not depend on which
 * subgraph answered. Everything else is masked.
 */
export function formatGatewayError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const { serviceName: _serviceName, ...extensions } = formatted.extensions ?? {};
  return mask({ ...formatted, extensions }, error);
}
