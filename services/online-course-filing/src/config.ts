import { parseConfig, subgraphConfigSchema, workerPortSchema } from '@jianguan/platform';
import { z } from 'zod';

export const filingConfigSchema = subgraphConfigSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(4003),
  WORKER_PORT: workerPortSchema(9103),
  OUTBOX_POLL_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(2000)
    .describe('outbox relay poll (ms) when no NOTIFY arrives'),
  DATABASE_POOL_SIZE: z.coerce
    .number()
    .int()
    .positive()
    .default(10)
    .describe('database connections per server process'),
});
export type FilingConfig = z.infer<typeof filingConfigSchema>;

export const loadFilingConfig = (env?: Record<string, string | undefined>): FilingConfig =>
  parseConfig(filingConfigSchema, env);
