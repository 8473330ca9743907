import { composeServices } from '@apollo/composition';
import { parse, type GraphQLSchema } from 'graphql';

export interface SubgraphSource {
  /** Subgraph name in the supergraph, e.g. `registry`. */
  name: string;
  /** Its schema-first SDL. */
  typeDefs: string;
  /** Where the gateway reaches it; recorded in the supergraph and overridable per deployment. */
  url: string;
}

export class CompositionError extends Error {
  constructor(readonly problems: string[]) {
    super(`Supergraph composition failed:\n  ${problems.join('\n  ')}`);
  }
}

/**
 * Composes the subgraphs' SDL into a supergraph, offline: the gateway never introspects subgraphs
 * at runtime, so a broken subgraph schema is caught at build time, not in production.
 */
export function composeSupergraph(services: SubgraphSource[]): string {
  return compose(services).supergraphSdl;
}

/** The schema clients see (the supergraph without federation's own types and directives). */
export function composeApiSchema(services: SubgraphSource[]): GraphQLSchema {
  return compose(services).schema.toAPISchema().toGraphQLJSSchema();
}

function compose(services: SubgraphSource[]) {
  const result = composeServices(
    services.map((service) => ({ name: service.name, url: service.url, typeDefs: parse(service.typeDefs) })),
  );
  if (result.errors) throw new CompositionError(result.errors.map((error) => error.message));
  return result;
}
