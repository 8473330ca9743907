import http from 'node:http';
import express from 'express';
import type { Logger } from './logger';
import { metricsEndpoint, type Registry } from './metrics/registry';
import { withTimeout } from './with-timeout';

/** A dependency that does not answer in this long counts as down. */
const READINESS_TIMEOUT_MS = 3000;

export interface OperationsServerOptions {
  /** For the probe answers and the log, e.g. `registry-worker`. */
  name: string;
  host: string;
  /** 0 picks a free port (tests, several workers in one process). */
  port: number;
  registry: Registry;
  /** Throws when the process cannot do its work (database or Redis unreachable). */
  readiness: () => Promise<void>;
  logger: Logger;
}

export interface RunningOperationsServer {
  /** e.g. http://127.0.0.1:9101 — `/healthz`, `/readyz` and `/metrics` live under it. */
  url: string;
  port: number;
  stop: () => Promise<void>;
}

/**
 * The small HTTP server of a process that serves no API (a worker): `/healthz` (alive), `/readyz`
 * (its database and Redis answer, and it is not stopping) and `/metrics` (Prometheus).
 */
export async function startOperationsServer(
  options: OperationsServerOptions,
): Promise<RunningOperationsServer> {
  const { logger } = options;
  const app = express();
  app.disable('x-powered-by');
  let stopping = false;

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', service: options.name });
  });
  app.get('/readyz', async (_req, res) => {
    if (stopping) return void res.status(503).json({ status: 'shutting down' });
    try {
      await withTimeout(options.readiness(), READINESS_TIMEOUT_MS, 'readiness check timed out');
      res.json({ status: 'ready' });
    } catch (error) {
      logger.warn({ err: error }, 'not ready');
      res.status(503).json({ status: 'not ready' });
    }
  });
  app.get('/metrics', metricsEndpoint(options.registry));

  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as { port: number }).port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${host}:${port}`;
  logger.info({ url }, `${options.name} operations endpoints listening`);

  return {
    url,
    port,
    stop: async () => {
      stopping = true;
      server.closeIdleConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
