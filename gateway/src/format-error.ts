import type { GraphQLFormattedError } from 'graphql';
import { maskingFormatError } from '@jianguan/platform';

const mask = maskingFormatError(() => {
  // Logged with its request id by the errorLogging plugin, which sees the context.
});

/**
 * Expected errors reach the client exactly as the subgraph raised them (code, field, message);
 * the `serviceName` the gateway adds is dropped, since clients must not depend on which
 * subgraph answered. SUBGRAPH_UNAVAILABLE is the gateway's own (subgraph-data-source.ts) and names
 * the service on purpose: it tells the reader which department's fields are missing. Everything
 * else is masked.
 */
export function formatGatewayError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const { serviceName: _serviceName, ...extensions } = formatted.extensions ?? {};
  if (extensions.code === 'SUBGRAPH_UNAVAILABLE') return { ...formatted, extensions };
  return mask({ ...formatted, extensions }, error);
}
