/**
 * `node migrate.js` in a subgraph's image (deploy/src/deployment-build.ts puts it next to the
 * package.json): with DATABASE_ADMIN_URL, provisions the service's owner and runtime roles and its
 * schema; then runs its pending migrations as the owner (DATABASE_OWNER_URL) and grants the runtime
 * role (DATABASE_URL) its rights, then exits. The compose file's `migrate-<name>` services and the
 * Kubernetes migration Job run it. Passwords are never printed: only role names are.
 */
import path from 'node:path';
import { migrateServiceDatabase, roleOf, type ServiceDefinition } from '@jianguan/platform';
import { parseDeploymentMigrateEnv } from './deployment-env';

/** The ServiceDefinition the deployed package exports (e.g. `registryService`). */
function deployedService(packageDir: string): ServiceDefinition {
  const exported = require(packageDir) as Record<string, unknown>;
  const service = Object.values(exported).find(
    (value): value is ServiceDefinition =>
      typeof value === 'object' &&
      value !== null &&
      typeof (value as ServiceDefinition).migrate === 'function' &&
      typeof (value as ServiceDefinition).schema === 'string',
  );
  if (!service) throw new Error(`${packageDir} exports no service definition`);
  return service;
}

async function main() {
  const env = parseDeploymentMigrateEnv();
  if (!env.success) {
    process.stderr.write(`${env.error.issues.map((issue) => issue.message).join('\n')}\n`);
    process.exit(1);
  }
  const service = deployedService(path.resolve(__dirname));
  const { DATABASE_ADMIN_URL: adminUrl, DATABASE_OWNER_URL: ownerUrl, DATABASE_URL: runtimeUrl } = env.data;
  process.stderr.write(
    `migrating ${service.name} (schema "${service.schema}") as ${roleOf(ownerUrl)} for ${roleOf(runtimeUrl)}` +
      `${adminUrl ? `, roles provisioned by ${roleOf(adminUrl)}` : ''}\n`,
  );
  await migrateServiceDatabase(service, { adminUrl, ownerUrl, runtimeUrl });
  process.stderr.write(`${service.name}: migrations done\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `migration failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
