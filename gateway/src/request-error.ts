import type { ServerResponse } from 'node:http';

/**
 * The answer to a request that never reached GraphQL: 4xx for what the client sent (malformed
 * JSON, a body over the limit), 500 for the gateway's own failure, without its details.
 */
export function sendRequestError(res: ServerResponse, status: number): void {
  const body = JSON.stringify({
    errors: [
      status < 500
        ? { message: 'Malformed request', extensions: { code: 'BAD_REQUEST' } }
        : { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
    ],
  });
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}
