import type { Request, RequestHandler, Response } from 'express';
import { HeaderMap, type ApolloServer, type HTTPGraphQLRequest } from '@apollo/server';
import type { GatewayContext } from './context';
import type { PublicAnswerCache } from './public-answer-cache';

export type ContextFactory = (req: Request, res: Response) => GatewayContext;

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
 * Serves `/graphql` with Apollo Server, as @as-integrations/express5 does, with one addition: when
 * the request came with an answer slot (an anonymous request kept-answers-first.ts found nothing
 * for) and Apollo's plugin allowed it, the answer is kept for the next caller.
 */
export function graphqlHttpHandler(
  apollo: ApolloServer<GatewayContext>,
  context: ContextFactory,
  answers: PublicAnswerCache | undefined,
): RequestHandler {
  return async (req, res, next) => {
    try {
      const contextValue = context(req, res);
      const response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: toApolloRequest(req),
        context: async () => contextValue,
      });
      for (const [key, value] of response.headers) res.setHeader(key, value);
      res.statusCode = response.status ?? 200;
      if (response.body.kind === 'complete') {
        res.send(response.body.string);
        const slot = contextValue.answerSlot;
        if (answers && slot && res.statusCode === 200) {
          answers.keep(slot, {
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
