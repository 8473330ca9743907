/**
 * `node migrate.js` in a subgraph's image (scripts/deployment-build.ts puts it next to the
 * package.json): creates that service's schema and runs its pending migrations, then exits.
 * The compose file's `migrate-<name>` services and the Kubernetes migration Job run it.
 */
import path from 'node:path';
import type { ServiceDefinition } from '@jianguan/platform';
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
  process.stderr.write(`migrating ${service.name} (schema "${service.schema}")\n`);
  await service.migrate(env.data.DATABASE_URL);
  process.stderr.write(`${service.name}: migrations done\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `migration failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
