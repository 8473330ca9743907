import { Kind, parse, type ConstValueNode } from 'graphql';

export interface SupergraphSubgraph {
  name: string;
  /** The URL composition recorded; deployments override it per subgraph. */
  url: string;
}

const stringArgument = (value: ConstValueNode | undefined) =>
  value?.kind === Kind.STRING ? value.value : undefined;

/**
 * The subgraphs a supergraph routes to, read from its `join__Graph` enum. The gateway's
 * configuration is derived from this list, so a new subgraph cannot be deployed without its secret.
 */
export function subgraphsOf(supergraphSdl: string): SupergraphSubgraph[] {
  const document = parse(supergraphSdl);
  const graphs = document.definitions.find(
    (definition) => definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === 'join__Graph',
  );
  if (!graphs || graphs.kind !== Kind.ENUM_TYPE_DEFINITION) {
    throw new Error('Not a supergraph: it has no join__Graph enum');
  }
  return (graphs.values ?? []).map((value) => {
    const directive = value.directives?.find((d) => d.name.value === 'join__graph');
    const argument = (name: string) =>
      stringArgument(directive?.arguments?.find((a) => a.name.value === name)?.value);
    const name = argument('name');
    const url = argument('url');
    if (!name || url === undefined)
      throw new Error(`Supergraph graph ${value.name.value} lacks @join__graph(name, url)`);
    return { name, url };
  });
}

/** `online-course-filing` → `ONLINE_COURSE_FILING`, as in `SUBGRAPH_ONLINE_COURSE_FILING_SECRET`. */
export const subgraphEnvName = (subgraph: string) => subgraph.toUpperCase().replace(/-/g, '_');

export const subgraphUrlVariable = (subgraph: string) => `SUBGRAPH_${subgraphEnvName(subgraph)}_URL`;
export const subgraphSecretVariable = (subgraph: string) => `SUBGRAPH_${subgraphEnvName(subgraph)}_SECRET`;
