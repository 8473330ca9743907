/**
 * What an image's `node migrate.js` reads from the environment: the service's two database roles
 * and, optionally, an administrator to provision them (docs/security.md, "Database roles").
 */
import { z } from 'zod';

const unsetIfEmpty = (value: unknown) => (value === '' ? undefined : value);

export const deploymentMigrateEnvSchema = z.object({
  /** The owner role: runs the migrations. */
  DATABASE_OWNER_URL: z.url({ error: 'DATABASE_OWNER_URL is required and must be a URL' }),
  /** The runtime role the subgraph and worker connect as: granted its rights (and, with an admin, created). */
  DATABASE_URL: z.url({ error: 'DATABASE_URL is required and must be a URL' }),
  /** Optional: a role that may create roles; then both roles and the schema are provisioned first. */
  DATABASE_ADMIN_URL: z.preprocess(
    unsetIfEmpty,
    z.url({ error: 'DATABASE_ADMIN_URL must be a URL' }).optional(),
  ),
});

export const parseDeploymentMigrateEnv = (env: Record<string, string | undefined> = process.env) =>
  deploymentMigrateEnvSchema.safeParse(env);
