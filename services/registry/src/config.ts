import { parseConfig, subgraphConfigSchema, workerPortSchema } from '@jianguan/platform';
import { z } from 'zod';

export const registryConfigSchema = subgraphConfigSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(4001),
  /** The worker's `/healthz`, `/readyz` and `/metrics` (0 picks a free port). */
  WORKER_PORT: workerPortSchema(9101),
  /** Relay fallback poll when no NOTIFY arrives. */
  OUTBOX_POLL_MS: z.coerce.number().int().positive().default(2000),
  DATABASE_POOL_SIZE: z.coerce.number().int().positive().default(10),
  /** When expired licences and new rule sets are re-assessed (cron, Asia/Shanghai); also at worker start. */
  REGISTRY_REASSESS_CRON: z.string().min(9).default('10 0 * * *'),
});
export type RegistryConfig = z.infer<typeof registryConfigSchema>;

export const loadRegistryConfig = (env?: Record<string, string | undefined>): RegistryConfig =>
  parseConfig(registryConfigSchema, env);
