/**
 * `pnpm migrate`: with DATABASE_URL an administrator's connection, provisions every service's owner
 * and runtime roles (passwords in `.data/dev-secrets.json`, as `pnpm start` keeps them), creates its
 * schema and runs its pending migrations as the owner, then exits. `pnpm start` does the same by
 * itself; deployments run each image's `node migrate.js` (deploy/src/deployment-migrate.ts) instead.
 */
import { federationServices } from '@jianguan/federation';
import { parseMigrateEnv } from './dev-env';
import { migrateWithRoles } from './dev-roles';

const env = parseMigrateEnv();

async function main() {
  if (!env.success) {
    process.stderr.write(`${env.error.issues.map((issue) => issue.message).join('\n')}\n`);
    process.exit(1);
  }
  await migrateWithRoles(federationServices, env.data.DATABASE_URL, env.data.JIANGUAN_DATA_DIR, (message) =>
    process.stderr.write(`${message}\n`),
  );
  process.stderr.write('migrations done\n');
}

main().catch((error: unknown) => {
  process.stderr.write(
    `migration failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
