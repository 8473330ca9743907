import { parseConfig, subgraphConfigSchema, workerPortSchema } from '@jianguan/platform';
import { z } from 'zod';

export const registryConfigSchema = subgraphConfigSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(4001),
  WORKER_PORT: workerPortSchema(9101),
  REGISTRY_REASSESS_CRON: z
    .string()
    .min(9)
    .default('10 0 * * *')
    .describe(
      'when expired licences and new licence rule sets are re-assessed (cron, Asia/Shanghai); also at worker start',
    ),
});
export type RegistryConfig = z.infer<typeof registryConfigSchema>;

export const loadRegistryConfig = (env?: Record<string, string | undefined>): RegistryConfig =>
  parseConfig(registryConfigSchema, env);
