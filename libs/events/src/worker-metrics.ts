import { createMetricsRegistry, type Registry } from '@jianguan/platform';
import type { ServiceName } from './vocabulary';
import { QueueMetrics } from './queue-metrics';

/** A worker process's metrics: its own registry and the timing of the queues it consumes. */
export interface WorkerMetrics {
  registry: Registry;
  queues: QueueMetrics;
}

export function createWorkerMetrics(service: ServiceName): WorkerMetrics {
  const registry = createMetricsRegistry({ service, process: 'worker' });
  return { registry, queues: new QueueMetrics(registry) };
}
