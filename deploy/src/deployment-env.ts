/**
 * What an image's `node migrate.js` reads from the environment: the service's two database roles
 * and, optionally, an administrator to provision them (docs/security.md, "Database roles").
 */
import { z } from 'zod';

const unsetIfEmpty = (value: unknown) => (value === '' ? undefined : value);

export const deploymentMigrateEnvSchema = z.object({
  DATABASE_OWNER_URL: z
    .url({ error: 'DATABASE_OWNER_URL is required and must be a URL' })
    .describe("the service's owner role: runs the migrations and grants the runtime role"),
  DATABASE_URL: z
    .url({ error: 'DATABASE_URL is required and must be a URL' })
    .describe(
      "the service's runtime role (the one its subgraph and worker use): the role granted its rights",
    ),
  DATABASE_ADMIN_URL: z
    .preprocess(unsetIfEmpty, z.url({ error: 'DATABASE_ADMIN_URL must be a URL' }).optional())
    .describe(
      'a role that may create roles; when set, both roles (names and passwords from the two URLs above) and the schema are created or updated first',
    ),
});

export const parseDeploymentMigrateEnv = (env: Record<string, string | undefined> = process.env) =>
  deploymentMigrateEnvSchema.safeParse(env);
