import {
  textAnswer,
  valueAnswer,
  type SubgraphAnswer,
  type SubgraphCall,
  type SubgraphFetch,
} from './subgraph-http';

export interface EntityBatchingOptions {
  /** How long the first entity fetch waits for others to join it, in milliseconds. */
  windowMs: number;
  /** A batch is sent at once when it holds this many representations. */
  maxRepresentations: number;
}

interface Waiting {
  representations: unknown[];
  resolve: (answer: SubgraphAnswer) => void;
  reject: (error: unknown) => void;
}

interface Batch {
  url: string;
  call: SubgraphCall;
  query: string;
  variables: Record<string, unknown>;
  waiting: Waiting[];
  size: number;
  timer?: NodeJS.Timeout;
}

interface EntityAnswer {
  data?: { _entities?: unknown[] } | null;
  errors?: { path?: (string | number)[] }[];
  extensions?: unknown;
}

const ENTITY_FETCH = /_entities\s*\(\s*representations\s*:\s*\$representations\s*\)/;

/**
 * A fetch that merges the gateway's concurrent entity fetches into one subgraph call: same URL,
 * same caller (Authorization), same query and other variables; only the representations differ.
 * The query planner sends one `_entities` fetch per subgraph per request, and a subgraph spends
 * far more on each call than on each entity in it (BENCHMARKS.md), so requests that arrive
 * together — a dashboard's parallel queries, a service account paging through a region — cost the
 * subgraphs one call instead of many. Each caller gets an answer with exactly its own entities and
 * the errors about them; callers with different tokens are never merged, because each subgraph
 * authorises the caller, not the gateway. The merged call carries the first caller's request id.
 */
export function batchingEntityFetch(options: EntityBatchingOptions, send: SubgraphFetch): SubgraphFetch {
  const open = new Map<string, Batch>();

  const flush = (key: string, batch: Batch) => {
    if (open.get(key) === batch) open.delete(key);
    if (batch.timer) clearTimeout(batch.timer);
    void deliver(batch, send);
  };

  return (url, call) => {
    const body = call.body;
    const parsed = body && ENTITY_FETCH.test(body) ? entityRequest(body) : undefined;
    if (!parsed) return send(url, call);
    const { query, representations, variables } = parsed;
    const key = `${url}\n${call.headers?.authorization ?? ''}\n${query}\n${JSON.stringify(variables)}`;
    return new Promise<SubgraphAnswer>((resolve, reject) => {
      let batch = open.get(key);
      if (!batch) {
        batch = { url, call, query, variables, waiting: [], size: 0 };
        open.set(key, batch);
        const started = batch;
        batch.timer = setTimeout(() => flush(key, started), options.windowMs);
      }
      batch.waiting.push({ representations, resolve, reject });
      batch.size += representations.length;
      if (batch.size >= options.maxRepresentations) flush(key, batch);
    });
  };
}

/** The query, representations and other variables of an entity fetch; undefined for anything else. */
function entityRequest(body: string) {
  let request: { query?: unknown; variables?: Record<string, unknown> };
  try {
    request = JSON.parse(body);
  } catch {
    return undefined;
  }
  const { query, variables } = request;
  if (typeof query !== 'string' || !query.trimStart().startsWith('query')) return undefined;
  const { representations, ...others } = variables ?? {};
  if (!Array.isArray(representations)) return undefined;
  return { query, representations, variables: others };
}

async function deliver(batch: Batch, send: SubgraphFetch) {
  const { waiting } = batch;
  try {
    if (waiting.length === 1) {
      const only = waiting[0];
      only.resolve(await send(batch.url, withBody(batch, only.representations)));
      return;
    }
    const response = await send(
      batch.url,
      withBody(
        batch,
        waiting.flatMap((w) => w.representations),
      ),
    );
    const text = await response.text();
    const answer = response.ok ? parseAnswer(text, batch.size) : undefined;
    // The merged answer's headers (cache hints included), minus those that describe its length.
    const headers = response.headers.without('content-length', 'content-encoding');
    let offset = 0;
    for (const w of waiting) {
      // Each caller's slice goes to Apollo as a value: parsed once here, never serialised again.
      w.resolve(
        answer
          ? valueAnswer(response.status, headers, batch.url, partOf(answer, offset, w.representations.length))
          : textAnswer(response.status, headers, batch.url, text),
      );
      offset += w.representations.length;
    }
  } catch (error) {
    for (const w of waiting) w.reject(error);
  }
}

const withBody = (batch: Batch, representations: unknown[]): SubgraphCall => ({
  ...batch.call,
  body: JSON.stringify({ query: batch.query, variables: { ...batch.variables, representations } }),
});

/** The merged answer, if it has one entity (or null) per representation; otherwise it is passed on whole. */
function parseAnswer(text: string, expected: number): EntityAnswer | undefined {
  try {
    const answer = JSON.parse(text) as EntityAnswer;
    const entities = answer.data?._entities;
    return Array.isArray(entities) && entities.length === expected ? answer : undefined;
  } catch {
    return undefined;
  }
}

/** One caller's slice: its entities, the errors at its positions (renumbered), and errors of the call. */
function partOf(answer: EntityAnswer, offset: number, count: number): EntityAnswer {
  const errors = (answer.errors ?? []).flatMap((error) => {
    const [field, index, ...rest] = error.path ?? [];
    // Errors of the whole call go to every caller, each its own copy (Apollo owns what it is given).
    if (field !== '_entities' || typeof index !== 'number') return [{ ...error }];
    if (index < offset || index >= offset + count) return [];
    return [{ ...error, path: [field, index - offset, ...rest] }];
  });
  return {
    data: { _entities: answer.data!._entities!.slice(offset, offset + count) },
    ...(errors.length ? { errors } : {}),
    ...(answer.extensions ? { extensions: answer.extensions } : {}),
  };
}
