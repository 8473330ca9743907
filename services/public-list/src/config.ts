import { parseConfig, subgraphConfigSchema, workerPortSchema } from '@jianguan/platform';
import { z } from 'zod';

export const publicListConfigSchema = subgraphConfigSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(4005),
  /** The worker's `/healthz`, `/readyz` and `/metrics` (0 picks a free port). */
  WORKER_PORT: workerPortSchema(9105),
  /** Relay fallback poll when no NOTIFY arrives. */
  OUTBOX_POLL_MS: z.coerce.number().int().positive().default(2000),
  DATABASE_POOL_SIZE: z.coerce.number().int().positive().default(10),
  /** Cache hint (seconds) on anonymous answers; answers are also cached in-process until a list changes. */
  PUBLIC_CACHE_MAX_AGE: z.coerce.number().int().min(0).default(30),
  /** Anonymous answers kept in the in-process cache (0 turns it off). */
  PUBLIC_CACHE_ENTRIES: z.coerce.number().int().min(0).default(5000),
});
export type PublicListConfig = z.infer<typeof publicListConfigSchema>;

export const loadPublicListConfig = (env?: Record<string, string | undefined>): PublicListConfig =>
  parseConfig(publicListConfigSchema, env);
