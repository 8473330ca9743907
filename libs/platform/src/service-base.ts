import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ServiceDatabase } from './data-source';
import type { ServiceDefinition } from './service-definition';

/**
 * What a service's server, worker, migration job and definition share: its name, how it reads its
 * configuration, its own schema and its SDL. Each service declares it once, in `src/service-base.ts`.
 */
export interface ServiceBase<N extends string, Cfg> {
  /** Subgraph name in the supergraph, and the name its worker consumes events under. */
  name: N;
  /** Parses the service's configuration from the environment (the process's when none is given). */
  loadConfig: (env?: Record<string, string | undefined>) => Cfg;
  database: ServiceDatabase;
  /** The schema-first SDL (contents of src/schema.graphql). */
  typeDefs: string;
}

/** A service's base, its SDL read from `schema.graphql` in `sourceDirectory` (the service's src/). */
export function defineServiceBase<const N extends string, Cfg>(
  base: Omit<ServiceBase<N, Cfg>, 'typeDefs'> & { sourceDirectory: string },
): ServiceBase<N, Cfg> {
  const { sourceDirectory, ...rest } = base;
  return { ...rest, typeDefs: readFileSync(path.join(sourceDirectory, 'schema.graphql'), 'utf8') };
}

/** The service as the launcher, the composition script and the test harness see it. */
export function defineService<Cfg>(
  base: ServiceBase<string, Cfg>,
  parts: Pick<ServiceDefinition, 'defaultPort' | 'extensions' | 'startServer' | 'startWorker'>,
): ServiceDefinition {
  return {
    name: base.name,
    schema: base.database.schema,
    typeDefs: base.typeDefs,
    migrate: base.database.migrate,
    ...parts,
  };
}
