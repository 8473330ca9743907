/**
 * How the launcher, the gateway's composition script and the test harness see a service,
 * without knowing its insides. Each service exports one of these from `src/service.ts`.
 */
import type { Logger as TypeOrmLogger } from 'typeorm';
import type { DestinationStream } from './logger';

export interface RunningProcess {
  stop: () => Promise<void>;
}

export interface RunningWorker extends RunningProcess {
  /** Base URL of the worker's `/healthz`, `/readyz` and `/metrics` (port WORKER_PORT). */
  operationsUrl: string;
}

export interface ServiceDefinition {
  /** Subgraph name in the supergraph, e.g. `registry`. */
  name: string;
  /** Its own Postgres schema. */
  schema: string;
  defaultPort: number;
  /** The schema-first SDL (contents of src/schema.graphql). */
  typeDefs: string;
  /** Extensions its migrations use, created by the administrator when the roles are provisioned. */
  extensions?: readonly string[];
  /** Creates the schema (unless provisioned) and runs pending migrations against `databaseUrl`. */
  migrate: (databaseUrl: string) => Promise<void>;
  /** Starts the subgraph HTTP server with the given environment (parsed by the service's config). */
  startServer: (
    env: Record<string, string | undefined>,
    options?: ServerStartOptions,
  ) => Promise<RunningProcess & { url: string; operationsUrl: string }>;
  /** Starts its queue consumers (event inbox, relay, scheduled jobs). */
  startWorker: (
    env: Record<string, string | undefined>,
    options?: WorkerStartOptions,
  ) => Promise<RunningWorker>;
}

export interface ServerStartOptions {
  /** Sees every SQL statement the server sends (tests count them). */
  queryLogger?: TypeOrmLogger;
  /** Where the server's log lines go instead of stdout (tests read them). */
  logDestination?: DestinationStream;
}

export interface WorkerStartOptions {
  /** Where the worker's log lines go instead of stdout (tests read them). */
  logDestination?: DestinationStream;
}
