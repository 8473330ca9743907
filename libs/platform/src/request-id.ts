import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from './logger';

/** The header that carries one request's id from the client through the gateway to every subgraph. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** A caller's id is kept only if harmless in logs and headers; anything else is replaced. */
const ACCEPTABLE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Probes and scrapes hit these every few seconds; logging them at info would bury real traffic. */
const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

export interface RequestLocals {
  requestId: string;
  logger: Logger;
}

export const requestLocals = (res: Response) => res.locals as RequestLocals;

/** The id in an `x-request-id` header when it is short and safe, otherwise a new UUID. */
export function requestIdFrom(header: unknown): string {
  return typeof header === 'string' && ACCEPTABLE_REQUEST_ID.test(header) ? header : randomUUID();
}

/**
 * Gives every request an id (the caller's `x-request-id` or a new UUID), returns it in the
 * response, and logs one line per request with it, so a client's report can be traced through
 * the gateway and every subgraph. The request's child logger is in `res.locals.logger`.
 */
export function requestIds(logger: Logger): RequestHandler {
  return (req: Request, res: Response, next) => {
    const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    const requestLogger = logger.child({ requestId });
    Object.assign(res.locals, { requestId, logger: requestLogger } satisfies RequestLocals);
    res.setHeader(REQUEST_ID_HEADER, requestId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      // `originalUrl`: inside a mounted router `req.path` is relative to the mount point.
      const path = req.originalUrl.split('?')[0];
      const level = QUIET_PATHS.has(path) ? 'debug' : 'info';
      requestLogger[level](
        {
          method: req.method,
          path,
          status: res.statusCode,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
        },
        'request finished',
      );
    });
    next();
  };
}
