import { parseConfig, subgraphConfigSchema, workerPortSchema } from '@jianguan/platform';
import { z } from 'zod';

export const publicListConfigSchema = subgraphConfigSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(4005),
  WORKER_PORT: workerPortSchema(9105),
  PUBLIC_CACHE_MAX_AGE: z.coerce
    .number()
    .int()
    .min(0)
    .default(30)
    .describe(
      "seconds browsers and CDNs may keep an anonymous answer (`0` turns it off); the subgraph's own cache is invalidated on every list change",
    ),
  PUBLIC_CACHE_ENTRIES: z.coerce
    .number()
    .int()
    .min(0)
    .default(5000)
    .describe("anonymous answers kept in the subgraph's in-memory cache (`0` turns it off)"),
});
export type PublicListConfig = z.infer<typeof publicListConfigSchema>;

export const loadPublicListConfig = (env?: Record<string, string | undefined>): PublicListConfig =>
  parseConfig(publicListConfigSchema, env);
