import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LocalServer {
  /** `http://127.0.0.1:<port>`, without a path. */
  origin: string;
  stop: () => Promise<void>;
}

/**
 * Serves `listener` on a free port of the loopback interface, for a subgraph stand-in or proxy a test
 * owns; `stop` cuts kept-alive connections so the test run can exit.
 */
export async function startLocalServer(listener: http.RequestListener): Promise<LocalServer> {
  const server = http.createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
