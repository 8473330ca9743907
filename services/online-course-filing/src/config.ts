import { parseConfig, subgraphConfigSchema, workerPortSchema } from '@jianguan/platform';
import { z } from 'zod';

export const filingConfigSchema = subgraphConfigSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(4003),
  WORKER_PORT: workerPortSchema(9103),
});
export type FilingConfig = z.infer<typeof filingConfigSchema>;

export const loadFilingConfig = (env?: Record<string, string | undefined>): FilingConfig =>
  parseConfig(filingConfigSchema, env);
