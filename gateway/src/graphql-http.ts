import type { Request, RequestHandler, Response } from 'express';
import { HeaderMap, type ApolloServer, type HTTPGraphQLRequest } from '@apollo/server';
import type { GatewayContext } from './context';
import type { AnswerSlot, PublicAnswerCache } from './public-answer-cache';

/** `express.json`'s `verify` hook keeps the bytes of the body for the answer cache's key. */
export const keepRawBody = (req: Request, _res: Response, body: Buffer) => {
  (req as RequestWithRawBody).rawBody = body;
};

interface RequestWithRawBody extends Request {
  rawBody?: Buffer;
}

export type ContextFactory = (req: Request, res: Response, slot: AnswerSlot | undefined) => GatewayContext;

function toApolloRequest(req: Request): HTTPGraphQLRequest {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const query = req.originalUrl.indexOf('?');
  return {
    method: req.method.toUpperCase(),
    headers,
    search: query === -1 ? '' : req.originalUrl.slice(query),
    body: req.body,
  };
}

/**
 * Serves `/graphql` with Apollo Server, as @as-integrations/express5 does, with one addition: an
 * anonymous POST whose answer is kept (see public-answer-cache.ts) is answered from memory before
 * Apollo is involved, with an `age` header saying how old the answer is; otherwise Apollo answers
 * and, when its plugin allows it, the answer is kept for the next caller.
 */
export function graphqlHttpHandler(
  apollo: ApolloServer<GatewayContext>,
  context: ContextFactory,
  answers: PublicAnswerCache | undefined,
  isSignedIn: (res: Response) => boolean,
): RequestHandler {
  return async (req, res, next) => {
    try {
      const slot =
        answers && req.method === 'POST'
          ? answers.slotFor({
              signedIn: isSignedIn(res),
              accept: req.headers.accept,
              body: (req as RequestWithRawBody).rawBody,
            })
          : undefined;
      const kept = slot && answers!.find(slot);
      if (kept) {
        // Straight to the socket: express's send would hash the body for an ETag nobody uses on POST.
        res.writeHead(200, {
          'content-type': kept.contentType,
          'content-length': kept.body.length,
          'cache-control': kept.cacheControl,
          age: String(Math.floor((Date.now() - kept.keptAt) / 1000)),
        });
        res.end(kept.body);
        return;
      }
      const response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: toApolloRequest(req),
        context: async () => context(req, res, slot),
      });
      for (const [key, value] of response.headers) res.setHeader(key, value);
      res.statusCode = response.status ?? 200;
      if (response.body.kind === 'complete') {
        res.send(response.body.string);
        if (slot && res.statusCode === 200) {
          answers!.keep(slot, {
            body: response.body.string,
            contentType: response.headers.get('content-type') ?? 'application/json; charset=utf-8',
          });
        }
        return;
      }
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    } catch (error) {
      next(error);
    }
  };
}
