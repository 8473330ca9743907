import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { REQUEST_ID_HEADER, SUBGRAPH_SECRET_HEADER } from '@jianguan/platform';
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

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = request.http!.headers;
    headers.set(SUBGRAPH_SECRET_HEADER, this.secret);
    // The context is `{}` for the gateway's own requests (none with a static supergraph, but be safe).
    if (context.requestId) headers.set(REQUEST_ID_HEADER, context.requestId);
    if (context.authorization) headers.set('authorization', context.authorization);
  }

  /**
   * A subgraph's refusal of the whole request (HTTP 4xx with GraphQL errors: a variable its scalar
   * rejects, a token that expired in between) is handed to the query plan as that subgraph's
   * answer, so the client reads its code, message and field as it would from a 200.
   */
  override async process(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): ReturnType<RemoteGraphQLDataSource['process']> {
    try {
      return await super.process(options);
    } catch (error) {
      if (error instanceof SubgraphRefusal) return { errors: error.errors };
      throw error;
    }
  }

  /**
   * Called for every non-2xx answer. Only what is not a GraphQL answer (a proxy's page, a body the
   * subgraph's parser refused) and a 403 are the gateway's own failure, masked as an internal error
   * and logged: subgraphs answer 403 only to a caller without the gateway's secret (resolvers'
   * FORBIDDEN comes with 200), i.e. a misconfigured gateway, which the client can do nothing about.
   */
  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    const body = await this.parseBody(response).catch(() => undefined);
    const errors = graphqlErrors(body);
    if (errors && response.status !== 403) return new SubgraphRefusal(errors);
    return new GraphQLError(`Subgraph ${this.subgraph} answered HTTP ${response.status}`, {
      extensions: { code: 'SUBGRAPH_REFUSED', subgraph: this.subgraph, status: response.status, body },
    });
  }
}

/** Carries a subgraph's GraphQL errors from `errorFromResponse` (which must throw) to `process`. */
class SubgraphRefusal extends GraphQLError {
  constructor(readonly errors: GraphQLFormattedError[]) {
    super(errors[0].message);
  }
}

/** The errors of a GraphQL answer (`{"errors": [{"message": …}, …]}`), or undefined for anything else. */
function graphqlErrors(body: unknown): GraphQLFormattedError[] | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const errors = (body as { errors?: unknown }).errors;
  const isError = (error: unknown) =>
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { message?: unknown }).message === 'string';
  return Array.isArray(errors) && errors.length > 0 && errors.every(isError)
    ? (errors as GraphQLFormattedError[])
    : undefined;
}
