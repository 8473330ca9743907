import 'reflect-metadata';
import { DataSource, type Logger as TypeOrmLogger, type MixedList, type EntitySchema } from 'typeorm';

export interface DataSourceOptions {
  url: string;
  /** The service's own Postgres schema; it never reads another's. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  /** e.g. a statement counter in tests. */
  logger?: TypeOrmLogger;
  poolSize?: number;
}

export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logger: options.logger,
    // Failed queries surface as exceptions and are logged once, by whoever handles them.
    logging: options.logger ? ['query', 'error'] : false,
    extra: { max: options.poolSize ?? 10, application_name: options.schema },
  });
}

/** What the server, the worker and the migration job open of a service's own schema. */
export interface ServiceDatabase {
  schema: string;
  /** A data source on `url`, not yet opened. */
  create: (url: string, options?: { poolSize?: number; logger?: TypeOrmLogger }) => DataSource;
  /** Creates the schema (unless provisioned) and runs pending migrations against `databaseUrl`. */
  migrate: (databaseUrl: string) => Promise<void>;
}

/** A service's schema with its entities and migrations, as every process of the service opens it. */
export function defineDataSource(
  schema: string,
  entities: DataSourceOptions['entities'],
  migrations: DataSourceOptions['migrations'],
): ServiceDatabase {
  const create: ServiceDatabase['create'] = (url, options = {}) =>
    createDataSource({ url, schema, entities, migrations, ...options });
  return {
    schema,
    create,
    migrate: async (databaseUrl) => {
      const dataSource = await openDataSource(create(databaseUrl, { poolSize: 1 }), { migrate: true });
      await dataSource.destroy();
    },
  };
}

/** Connects and, when asked, creates the schema and runs pending migrations (each in its own transaction). */
export async function openDataSource(dataSource: DataSource, { migrate }: { migrate: boolean }) {
  await dataSource.initialize();
  if (migrate) {
    const schema = (dataSource.options as { schema?: string }).schema;
    if (schema) {
      // Provisioning (database-roles.ts) creates the schema for its owner, who may not create schemas.
      const [{ found }] = (await dataSource.query('SELECT to_regnamespace($1) IS NOT NULL AS found', [
        `"${schema}"`,
      ])) as { found: boolean }[];
      if (!found) await dataSource.query(`CREATE SCHEMA "${schema}"`);
    }
    await dataSource.runMigrations();
  }
  return dataSource;
}
