import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import getRawBody from 'raw-body';
import { REQUEST_ID_HEADER, requestIdFrom } from '@jianguan/platform';
import type { AnswerSlot, PublicAnswerCache } from './public-answer-cache';
import { sendRequestError } from './request-error';

/** What the fast path leaves on a request it read but could not answer, for the Express app. */
export interface PreReadRequest extends IncomingMessage {
  /** The parsed JSON body; body-parser skips a request whose body was already read. */
  body?: unknown;
  /** Where the answer may be kept for the next anonymous caller. */
  answerSlot?: AnswerSlot;
}

const PLAIN_JSON = /^application\/json\s*(;\s*charset=utf-8\s*)?$/i;

/**
 * Whether a request could be answered from the kept answers: an anonymous POST to /graphql with a
 * plain, declared-length JSON body. Anything else (tokens, GET, compressed or chunked bodies) goes to
 * Express untouched, with its full checks.
 */
function mayBeKept(req: IncomingMessage, path: string): boolean {
  const { headers } = req;
  return (
    req.method === 'POST' &&
    req.url === path &&
    headers.authorization === undefined &&
    headers['content-encoding'] === undefined &&
    headers['content-length'] !== undefined &&
    PLAIN_JSON.test(headers['content-type'] ?? '')
  );
}

/**
 * The gateway's outermost request listener. When the public arrives in crowds, most of them ask what
 * someone asked a moment ago; those requests are answered here from the kept answers, before Express
 * routes, logs or parses anything (measured in BENCHMARKS.md: Express's pipeline cost as much as the
 * answer itself). A request that finds nothing is parsed once and handed to Express with its body
 * and its answer slot, so Apollo answers it and the answer is kept.
 */
export function keptAnswersFirst(
  answers: PublicAnswerCache,
  app: (req: IncomingMessage, res: ServerResponse) => void,
  options: { path: string; bodyLimitBytes: number },
): RequestListener {
  return (req, res) => {
    if (!mayBeKept(req, options.path)) return void app(req, res);
    getRawBody(req, { length: req.headers['content-length'], limit: options.bodyLimitBytes }).then(
      (raw) => answerOrHandOn(req as PreReadRequest, res, raw),
      (error: { status?: number }) => sendRequestError(res, error.status ?? 400),
    );
  };

  function answerOrHandOn(req: PreReadRequest, res: ServerResponse, raw: Buffer) {
    let body: unknown;
    const parsed = () => (body ??= JSON.parse(raw.toString('utf8')));
    let slot: AnswerSlot | undefined;
    try {
      slot = answers.slotFor({ accept: req.headers.accept, raw, parsed });
    } catch {
      return sendRequestError(res, 400); // malformed JSON
    }
    const kept = slot && answers.find(slot);
    if (kept) {
      res.writeHead(200, {
        'content-type': kept.contentType,
        'content-length': kept.body.length,
        'cache-control': kept.cacheControl,
        age: String(Math.floor((Date.now() - kept.keptAt) / 1000)),
        [REQUEST_ID_HEADER]: requestIdFrom(req.headers[REQUEST_ID_HEADER]),
      });
      res.end(kept.body);
      return;
    }
    try {
      parsed();
    } catch {
      return sendRequestError(res, 400);
    }
    // As express.json in strict mode: a GraphQL request is an object (or a batch).
    if (typeof body !== 'object' || body === null) return sendRequestError(res, 400);
    req.body = body;
    req.answerSlot = slot;
    app(req, res);
  }
}
