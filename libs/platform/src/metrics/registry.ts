import { collectDefaultMetrics, Registry } from 'prom-client';
import type { RequestHandler } from 'express';

export type { Registry };

/** What every sample of a process carries, so one Prometheus can tell the processes apart. */
export interface ProcessLabels {
  /** e.g. `registry`, `enforcement`, `gateway`. */
  service: string;
  /** `subgraph`, `worker` or `gateway`. */
  process: 'subgraph' | 'worker' | 'gateway';
}

/**
 * A registry of one process's own (never prom-client's global one), so the launcher and the tests
 * can run several services in one Node process without their metrics clashing. It starts with
 * Node's default metrics: CPU, memory, event-loop lag, GC, handles.
 */
export function createMetricsRegistry(labels: ProcessLabels): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ ...labels });
  collectDefaultMetrics({ register: registry });
  return registry;
}

/** `GET /metrics` in the Prometheus text format. */
export function metricsEndpoint(registry: Registry): RequestHandler {
  return async (_req, res, next) => {
    try {
      const body = await registry.metrics();
      res.set('content-type', registry.contentType).send(body);
    } catch (error) {
      next(error);
    }
  };
}
