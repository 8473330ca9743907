/** What a subgraph answered, kept as text so each waiting request parses its own copy. */
interface SharedAnswer {
  status: number;
  statusText: string;
  headers: [string, string][];
  body: string;
}

type Fetch = typeof fetch;

/**
 * A fetch that sends identical concurrent subgraph queries once: same URL, same caller
 * (Authorization) and same body share one HTTP call while it is in flight, and every caller gets a
 * Response of its own. Mutations are never merged. Nothing is kept
 * after the answer arrives, so this is not a cache: a request that starts later asks again.
 */
export function deduplicatingFetch(send: Fetch = fetch): Fetch {
  const inFlight = new Map<string, Promise<SharedAnswer>>();
  return async (input, init) => {
    const body = typeof init?.body === 'string' ? init.body : undefined;
    if (!body || !isQuery(body)) return send(input, init);
    const headers = new Headers(init?.headers);
    const key = `${String(input)}\n${headers.get('authorization') ?? ''}\n${body}`;
    let shared = inFlight.get(key);
    if (!shared) {
      shared = (async () => {
        const response = await send(input, init);
        return {
          status: response.status,
          statusText: response.statusText,
          headers: [...response.headers],
          body: await response.text(),
        };
      })();
      inFlight.set(key, shared);
      const forget = () => inFlight.delete(key);
      shared.then(forget, forget);
    }
    const answer = await shared;
    return new Response(answer.body, {
      status: answer.status,
      statusText: answer.statusText,
      headers: answer.headers,
    });
  };
}

/**
 * The gateway sends `{"query":"mutation …", …}` for mutations. Inside variables a quote is escaped
 * (`\"`), so a variable's value can never spell `"query":"mutation` unescaped.
 */
const isQuery = (body: string) =>
  !body.includes('"query":"mutation') && !body.includes('"query":"subscription');
