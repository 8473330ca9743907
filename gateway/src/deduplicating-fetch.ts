import { textAnswer, type AnswerHeaders, type SubgraphFetch } from './subgraph-http';

/** What a subgraph answered, kept as text so each waiting request parses its own copy. */
interface SharedAnswer {
  status: number;
  headers: AnswerHeaders;
  body: string;
}

/**
 * A fetch that sends identical concurrent subgraph queries once: same URL, same caller
 * (Authorization) and same body share one HTTP call while it is in flight, and every caller gets an
 * answer of its own. Mutations are never merged. Nothing is kept after the answer arrives, so this
 * is not a cache: a request that starts later asks again.
 */
export function deduplicatingFetch(send: SubgraphFetch): SubgraphFetch {
  const inFlight = new Map<string, Promise<SharedAnswer>>();
  return async (url, call) => {
    const body = call.body;
    if (!body || !isQuery(body)) return send(url, call);
    const key = `${url}\n${call.headers?.authorization ?? ''}\n${body}`;
    let shared = inFlight.get(key);
    if (!shared) {
      shared = (async () => {
        const response = await send(url, call);
        return { status: response.status, headers: response.headers, body: await response.text() };
      })();
      inFlight.set(key, shared);
      const forget = () => inFlight.delete(key);
      shared.then(forget, forget);
    }
    const answer = await shared;
    return textAnswer(answer.status, answer.headers, url, answer.body);
  };
}

/**
 * The gateway sends `{"query":"mutation …", …}` for mutations. Inside variables a quote is escaped
 * (`\"`), so a variable's value can never spell `"query":"mutation` unescaped.
 */
const isQuery = (body: string) =>
  !body.includes('"query":"mutation') && !body.includes('"query":"subscription');
