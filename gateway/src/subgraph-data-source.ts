import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { IDEMPOTENCY_KEY_HEADER, REQUEST_ID_HEADER, SUBGRAPH_SECRET_HEADER } from '@jianguan/platform';
import type { GatewayContext } from './context';
import { deduplicatingFetch } from './deduplicating-fetch';
import { batchingEntityFetch } from './batching-entity-fetch';
import type { SubgraphFetch } from './subgraph-http';

/** Keeps a merged entity call well under the subgraphs' 1 MB request limit. */
const MAX_REPRESENTATIONS_PER_CALL = 2000;

type FetcherResponse = Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0];

export interface SubgraphDataSourceOptions {
  name: string;
  url: string;
  secret: string;
  /** How calls reach the subgraphs (subgraph-http.ts), shared by every subgraph. */
  send: SubgraphFetch;
  /** Send identical concurrent queries of one caller once. */
  deduplicate: boolean;
  /** Merge one caller's concurrent entity fetches that arrive within this many ms (0: never). */
  entityBatchWindowMs: number;
}

/**
 * Calls one subgraph on behalf of a client: forwards the caller's token (subgraphs authorise
 * themselves) and the request id (one id across every log line), and proves it is the gateway
 * with that subgraph's secret.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly subgraph: string;
  private readonly secret: string;

  constructor(options: SubgraphDataSourceOptions) {
    // Not Apollo's default make-fetch-happen, whose HTTP-cache layers cost CPU on every call.
    const batched =
      options.entityBatchWindowMs > 0
        ? batchingEntityFetch(
            { windowMs: options.entityBatchWindowMs, maxRepresentations: MAX_REPRESENTATIONS_PER_CALL },
            options.send,
          )
        : options.send;
    const send = options.deduplicate ? deduplicatingFetch(batched) : batched;
    super({ url: options.url, fetcher: send as unknown as RemoteGraphQLDataSource['fetcher'] });
    this.subgraph = options.name;
    this.secret = options.secret;
  }

  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const { request, context } = options;
    const headers = request.http!.headers;
    headers.set(SUBGRAPH_SECRET_HEADER, this.secret);
    // The context is `{}` for the gateway's own requests (none with a static supergraph, but be safe).
    if (context.requestId) headers.set(REQUEST_ID_HEADER, context.requestId);
    if (context.authorization) headers.set('authorization', context.authorization);
    forwardIdempotencyKey(options);
  }

  /**
   * A subgraph answers non-2xx only when it refuses the gateway's request itself (wrong secret,
   * request too large, overload), which is our fault, not the client's: the default would hand the
   * client a FORBIDDEN carrying the subgraph's URL. The one exception is a token the subgraph
   * rejects (e.g. it expired in between), which the client can act on.
   */
  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    const body = await this.parseBody(response).catch(() => undefined);
    const subgraphError = firstError(body);
    if (response.status === 401 && subgraphError?.extensions?.code === 'UNAUTHENTICATED') {
      return new GraphQLError(subgraphError.message, { extensions: { code: 'UNAUTHENTICATED' } });
    }
    return new GraphQLError(`Subgraph ${this.subgraph} answered HTTP ${response.status}`, {
      extensions: { code: 'SUBGRAPH_REFUSED', subgraph: this.subgraph, status: response.status, body },
    });
  }
}

interface SubgraphError {
  message: string;
  extensions?: { code?: unknown };
}

function firstError(body: unknown): SubgraphError | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const errors = (body as { errors?: unknown }).errors;
  if (!Array.isArray(errors) || typeof errors[0]?.message !== 'string') return undefined;
  return errors[0] as SubgraphError;
}

/**
 * Idempotent mutations (issue 19, point 11): the client's `Idempotency-Key` goes to the subgraphs as
 * it came; each subgraph keeps a mutation's first answer under it (libs/platform/src/idempotency.ts).
 */
function forwardIdempotencyKey(options: GraphQLDataSourceProcessOptions<GatewayContext>): void {
  if (!('incomingRequestContext' in options)) return;
  const key = options.incomingRequestContext.request.http?.headers.get(IDEMPOTENCY_KEY_HEADER);
  if (key != null) options.request.http!.headers.set(IDEMPOTENCY_KEY_HEADER, key);
}
