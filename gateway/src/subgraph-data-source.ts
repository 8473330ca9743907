import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import {
  GraphQLError,
  Kind,
  parse,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLFormattedError,
  type SelectionSetNode,
} from 'graphql';
import { IDEMPOTENCY_KEY_HEADER, REQUEST_ID_HEADER, SUBGRAPH_SECRET_HEADER } from '@jianguan/platform';
import type { GatewayContext } from './context';
import { deduplicatingFetch } from './deduplicating-fetch';
import { batchingEntityFetch } from './batching-entity-fetch';
import type { SubgraphFetch } from './subgraph-http';
import { SubgraphUnavailable } from './subgraph-breaker';

/** Keeps a merged entity call well under the subgraphs' 1 MB request limit. */
const MAX_REPRESENTATIONS_PER_CALL = 2000;

type FetcherResponse = Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0];

export interface SubgraphDataSourceOptions {
  name: string;
  url: string;
  secret: string;
  /** How calls reach this subgraph (subgraph-http.ts), behind its breaker (subgraph-breaker.ts). */
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
   * A subgraph's refusal of the whole request (HTTP 4xx with GraphQL errors: a variable its scalar
   * rejects, a token that expired in between) is handed to the query plan as that subgraph's
   * answer, so the client reads its code, message and field as it would from a 200. A call that got
   * no answer (down, too slow, breaker open) answers with an error at each field it was to fill: the
   * query plan nulls those fields and the other subgraphs' fields still reach the client.
   */
  override async process(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): ReturnType<RemoteGraphQLDataSource['process']> {
    try {
      return await super.process(options);
    } catch (error) {
      if (error instanceof SubgraphRefusal) return { errors: error.errors };
      if (error instanceof SubgraphUnavailable) return { errors: unavailableErrors(error.subgraph, options) };
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

/**
 * SUBGRAPH_UNAVAILABLE at every field the fetch was to answer. An entity fetch answers fields of
 * each representation: `_entities.<i>.<field>`, which the query plan maps to the client's paths
 * (e.g. `institutions.edges.3.node.rectificationOrders`); a root fetch answers its root fields.
 */
function unavailableErrors(
  subgraph: string,
  options: GraphQLDataSourceProcessOptions<GatewayContext>,
): GraphQLFormattedError[] {
  const { request } = options;
  const document = 'document' in options ? options.document : undefined;
  const parsed = document ?? (request.query ? parse(request.query) : undefined);
  const operation = parsed?.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  const mutation = operation?.operation === 'mutation';
  const error = (path?: (string | number)[]): GraphQLFormattedError => ({
    message: mutation
      ? `服务 ${subgraph} 暂时无法访问或未及时答复，无法确认这项操作是否完成，请查询后再试`
      : `服务 ${subgraph} 暂时无法访问，这部分数据暂缺，请稍后再试`,
    ...(path ? { path } : {}),
    extensions: { code: 'SUBGRAPH_UNAVAILABLE', service: subgraph },
  });
  if (!parsed || !operation) return [error()];
  const fragments = fragmentsOf(parsed);
  const rootFields = fieldsOf(operation.selectionSet, fragments);
  const entities = rootFields.find((field) => field.name.value === '_entities');
  if (!entities?.selectionSet) return rootFields.map((field) => error([responseName(field)]));
  const representations = request.variables?.representations;
  const count = Array.isArray(representations) ? representations.length : 0;
  const fields = fieldsOf(entities.selectionSet, fragments).map(responseName);
  return Array.from({ length: count }, (_, index) =>
    fields.map((field) => error(['_entities', index, field])),
  ).flat();
}

const responseName = (field: FieldNode) => field.alias?.value ?? field.name.value;

const fragmentsOf = (document: DocumentNode) =>
  new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );

/** The fields a selection answers at its own level (through fragments), one per response name, no `__typename`. */
function fieldsOf(
  selectionSet: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
): FieldNode[] {
  const byName = new Map<string, FieldNode>();
  const visit = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value !== '__typename') byName.set(responseName(selection), selection);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (fragment) visit(fragment.selectionSet);
      }
    }
  };
  visit(selectionSet);
  return [...byName.values()];
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
