import http from 'node:http';
import { startLocalServer } from './local-server';

export interface CountingProxy {
  url: string;
  /** Headers of every request forwarded so far. */
  requests: http.IncomingHttpHeaders[];
  stop: () => Promise<void>;
}

/**
 * Sits between the gateway and a subgraph and records what reaches the subgraph, so a test can
 * prove that a refused query never got there and see which headers the gateway sent.
 */
export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const upstream = new URL(target);
  const requests: http.IncomingHttpHeaders[] = [];
  const server = await startLocalServer((req, res) => {
    requests.push(req.headers);
    const forwarded = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forwarded.on('error', () => res.writeHead(502).end());
    req.pipe(forwarded);
  });
  return { url: `${server.origin}${upstream.pathname}`, requests, stop: server.stop };
}

/** Runs `act` and returns how many requests reached the subgraph behind `proxy` meanwhile. */
export async function subgraphCallsDuring(proxy: CountingProxy, act: () => Promise<void>): Promise<number> {
  const before = proxy.requests.length;
  await act();
  return proxy.requests.length - before;
}
