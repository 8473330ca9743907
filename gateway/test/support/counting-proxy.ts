import http from 'node:http';

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
  const server = http.createServer((req, res) => {
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
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}${upstream.pathname}`,
    requests,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Runs `act` and returns how many requests reached the subgraph behind `proxy` meanwhile. */
export async function subgraphCallsDuring(proxy: CountingProxy, act: () => Promise<void>): Promise<number> {
  const before = proxy.requests.length;
  await act();
  return proxy.requests.length - before;
}
