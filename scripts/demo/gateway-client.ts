/**
 * The demo loader's way into the graph: POSTs to the gateway as a client would, with bounded
 * concurrency, and retries what fails only because an event has not reached a service yet.
 */
import { pollUntil, sleep } from '@jianguan/tools';

export interface GraphQLError {
  message: string;
  path?: readonly (string | number)[];
  extensions?: { code?: string; field?: string };
}

export interface GraphQLResult<T> {
  data?: T;
  errors?: GraphQLError[];
}

/** A GraphQL request of the load failed; `codes` are the errors' `extensions.code`s. */
export class DemoLoadError extends Error {
  constructor(
    message: string,
    readonly codes: string[] = [],
  ) {
    super(message);
  }
}

export async function postGraphQL<T>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<GraphQLResult<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  try {
    return JSON.parse(text) as GraphQLResult<T>;
  } catch {
    throw new DemoLoadError(`gateway answered ${response.status}: ${text.slice(0, 200)}`);
  }
}

const describeErrors = (errors: GraphQLError[]) =>
  errors
    .slice(0, 3)
    .map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`)
    .join('; ');

/** A client bound to one gateway; `request` throws on any GraphQL error. */
export function gatewayClient(url: string, signal?: AbortSignal) {
  async function request<T>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
    signal?.throwIfAborted();
    const result = await postGraphQL<T>(url, query, variables, token);
    if (result.errors?.length || !result.data) {
      const errors = result.errors ?? [{ message: 'no data' }];
      throw new DemoLoadError(
        describeErrors(errors),
        errors.map((e) => e.extensions?.code ?? 'ERROR'),
      );
    }
    return result.data;
  }

  /**
   * Like `request`, but NOT_FOUND is retried for a while: the service the mutation goes to learns of
   * a new institution from an event, a moment after the registry registered it.
   */
  async function requestWhenKnown<T>(
    query: string,
    variables: Record<string, unknown>,
    token: string,
    timeoutMs = 30_000,
  ): Promise<T> {
    const giveUp = Date.now() + timeoutMs;
    for (let wait = 50; ; wait = Math.min(wait * 2, 1000)) {
      try {
        return await request<T>(query, variables, token);
      } catch (error) {
        const notYetKnown = error instanceof DemoLoadError && error.codes.includes('NOT_FOUND');
        if (!notYetKnown || Date.now() > giveUp) throw error;
        await sleep(wait);
      }
    }
  }

  /** Polls a read until `done` holds (or the time is up, when the last value is returned). */
  const until = <T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> =>
    pollUntil(read, done, { timeoutMs, intervalMs: 200 });

  return { url, request, requestWhenKnown, until };
}

export type GatewayClient = ReturnType<typeof gatewayClient>;

/** Runs `work` over the items with at most `limit` in flight; results in input order. */
export async function mapConcurrently<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], index);
    }
  });
  await Promise.all(lanes);
  return results;
}
