/** What other packages read of the deployment: the migration job's settings (for docs/environment.md). */
export { deploymentMigrateEnvSchema } from './deployment-env';
