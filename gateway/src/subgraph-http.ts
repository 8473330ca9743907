import { Agent, request } from 'undici';

/** One call to a subgraph, as Apollo's data source makes it (headers already a plain object). */
export interface SubgraphCall {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Aborts the call (the subgraph breaker's timeout). */
  signal?: AbortSignal;
}

/** A subgraph's answer: the part of a fetch Response that Apollo's data source and ours read. */
export interface SubgraphAnswer {
  ok: boolean;
  status: number;
  statusText: string;
  url: string;
  headers: AnswerHeaders;
  text(): Promise<string>;
  json(): Promise<unknown>;
}

export type SubgraphFetch = (url: string, call: SubgraphCall) => Promise<SubgraphAnswer>;

/** Response headers by lower-case name, read the way a fetch Response's are. */
export class AnswerHeaders {
  constructor(private readonly byName: Readonly<Record<string, string>>) {}

  get(name: string): string | null {
    return this.byName[name.toLowerCase()] ?? null;
  }

  /** A copy without the named headers (e.g. the length of a body that is about to change). */
  without(...names: string[]): AnswerHeaders {
    const kept = { ...this.byName };
    for (const name of names) delete kept[name];
    return new AnswerHeaders(kept);
  }
}

const answer = (
  status: number,
  headers: AnswerHeaders,
  url: string,
  body: { text: () => string; json: () => unknown },
): SubgraphAnswer => ({
  ok: status >= 200 && status < 300,
  status,
  statusText: '',
  url,
  headers,
  text: async () => body.text(),
  json: async () => body.json(),
});

/** An answer whose body is text, parsed when read as JSON. */
export const textAnswer = (status: number, headers: AnswerHeaders, url: string, text: string) =>
  answer(status, headers, url, { text: () => text, json: () => JSON.parse(text) });

/** An answer built from a value already parsed, so nobody serialises it only to parse it again. */
export const valueAnswer = (status: number, headers: AnswerHeaders, url: string, value: unknown) =>
  answer(status, headers, url, { text: () => JSON.stringify(value), json: () => value });

const flatten = (headers: Record<string, string | string[] | undefined>) => {
  const byName: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) byName[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return byName;
};

export interface SubgraphHttp {
  send: SubgraphFetch;
  close: () => Promise<void>;
}

/**
 * Calls subgraphs with undici's `request` over pooled keep-alive connections. Node's `fetch` is the
 * same client wrapped in WHATWG Request, Headers and stream objects built and torn down on every call;
 * a page of 50 institutions makes five such calls, and the gateway's CPU profile showed the wrapping
 * (BENCHMARKS.md). The answer is read whole: subgraph answers are bounded and parsed whole anyway.
 */
export function subgraphHttp(): SubgraphHttp {
  const agent = new Agent({ keepAliveTimeout: 30_000 });
  return {
    send: async (url, call) => {
      const response = await request(url, {
        method: (call.method ?? 'POST') as 'POST',
        headers: call.headers,
        body: call.body,
        signal: call.signal,
        dispatcher: agent,
      });
      const text = await response.body.text();
      return textAnswer(response.statusCode, new AnswerHeaders(flatten(response.headers)), url, text);
    },
    close: () => agent.close(),
  };
}
