import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { REQUEST_ID_HEADER, type Logger } from '@jianguan/platform';

/** A caller's id is kept only if harmless in logs and headers; anything else is replaced. */
const ACCEPTABLE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Probes hit these every few seconds; logging them at info would bury real traffic. */
const PROBE_PATHS = new Set(['/healthz', '/readyz']);

export interface RequestLocals {
  requestId: string;
  logger: Logger;
}

export const requestLocals = (res: Response) => res.locals as RequestLocals;

/**
 * Gives every request an id (the caller's `x-request-id` or a new UUID), returns it in the
 * response, and logs one line per request with it, so a client's report can be traced through
 * the gateway and every subgraph.
 */
export function requestIds(logger: Logger): RequestHandler {
  return (req: Request, res: Response, next) => {
    const given = req.headers[REQUEST_ID_HEADER];
    const requestId = typeof given === 'string' && ACCEPTABLE_REQUEST_ID.test(given) ? given : randomUUID();
    const requestLogger = logger.child({ requestId });
    Object.assign(res.locals, { requestId, logger: requestLogger } satisfies RequestLocals);
    res.setHeader(REQUEST_ID_HEADER, requestId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      // `originalUrl`: inside a mounted router `req.path` is relative to the mount point.
      const path = req.originalUrl.split('?')[0];
      const level = PROBE_PATHS.has(path) ? 'debug' : 'info';
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
