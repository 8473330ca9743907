/**
 * The services' database roles on this machine (`pnpm start`, `pnpm migrate`): from the administrator
 * connection (`DATABASE_URL`, or the embedded cluster's `postgres`), each service gets an owner
 * `jianguan_<schema>_owner` that migrates and a runtime role `jianguan_<schema>` its subgraph and
 * worker connect as, with passwords generated once into `.data/dev-secrets.json`.
 * See libs/platform/src/database-roles.ts.
 */
import {
  derivedServiceUrls,
  migrateServiceDatabase,
  type ServiceDatabaseUrls,
  type ServiceDefinition,
} from '@jianguan/platform';
import { loadDevSecrets } from './dev-env';

export const DEV_ROLE_PREFIX = 'jianguan';

const rolesOf = (schema: string) => [`${DEV_ROLE_PREFIX}_${schema}_owner`, `${DEV_ROLE_PREFIX}_${schema}`];

/**
 * Provisions every service's roles and schema as the administrator, migrates each as its owner and
 * grants its runtime role; returns each service's connections (by service name).
 */
export async function migrateWithRoles(
  services: readonly ServiceDefinition[],
  adminUrl: string,
  dataDir: string,
  say: (message: string) => void,
): Promise<Record<string, ServiceDatabaseUrls>> {
  const secrets = loadDevSecrets(dataDir, { databaseRoles: services.flatMap((s) => rolesOf(s.schema)) });
  const urls: Record<string, ServiceDatabaseUrls> = {};
  for (const service of services) {
    const [owner, runtime] = rolesOf(service.schema);
    urls[service.name] = derivedServiceUrls(adminUrl, service.schema, {
      prefix: DEV_ROLE_PREFIX,
      ownerPassword: secrets.databaseRolePasswords[owner],
      runtimePassword: secrets.databaseRolePasswords[runtime],
    });
    say(`migrating ${service.name} (schema "${service.schema}", owner ${owner}, runs as ${runtime})`);
    await migrateServiceDatabase(service, { adminUrl, ...urls[service.name] });
  }
  return urls;
}
