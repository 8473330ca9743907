/**
 * `pnpm migrate`: creates every service's schema and runs its pending migrations against
 * DATABASE_URL, then exits. Deployments run it once before the new subgraphs start (the compose
 * file's `migrate` service, a Kubernetes Job); `pnpm start` does the same by itself.
 */
import { federationServices } from '@jianguan/federation';
import { parseMigrateEnv } from './dev-env';

const env = parseMigrateEnv();

async function main() {
  if (!env.success) {
    process.stderr.write(`${env.error.issues.map((issue) => issue.message).join('\n')}\n`);
    process.exit(1);
  }
  for (const service of federationServices) {
    process.stderr.write(`migrating ${service.name} (schema "${service.schema}")\n`);
    await service.migrate(env.data.DATABASE_URL);
  }
  process.stderr.write('migrations done\n');
}

main().catch((error: unknown) => {
  process.stderr.write(
    `migration failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
