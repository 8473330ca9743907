/** What an image's `node migrate.js` reads from the environment: only the database. */
import { z } from 'zod';

export const deploymentMigrateEnvSchema = z.object({
  DATABASE_URL: z.url({ error: 'DATABASE_URL is required and must be a URL' }),
});

export const parseDeploymentMigrateEnv = (env: Record<string, string | undefined> = process.env) =>
  deploymentMigrateEnvSchema.safeParse(env);
