/** The names in a space-separated list: `'id name at'` → `'id' | 'name' | 'at'`. */
type Words<S extends string> = S extends `${infer Head} ${infer Tail}` ? Head | Words<Tail> : S;

/**
 * Entity → GraphQL mappings, each declared once: the entity fields the schema shows under the same
 * name (space-separated, checked against the entity), and what the schema names or derives otherwise.
 * Only the listed fields are copied, so storage columns (rule versions, search columns, foreign keys)
 * stay inside the subgraph.
 *
 *   export const toCaseNode = apiNode<EscalationCaseEntity>()(['level openedAt'], (c) => ({ ... }));
 *
 * (Curried so that the entity is named and the field names are inferred and checked against it.)
 */
export function apiNode<E extends object>() {
  return <const S extends string, X extends object = object, A extends unknown[] = []>(
    same: readonly (Words<S> extends keyof E ? S : `not a field: ${Exclude<Words<S>, keyof E & string>}`)[],
    derived?: (entity: E, ...args: A) => X,
  ) => {
    const keys = same.flatMap((names) => names.split(' ')) as (Words<S> & keyof E)[];
    return (entity: E, ...args: A): Pick<E, Words<S> & keyof E> & X => {
      const node = {} as Pick<E, Words<S> & keyof E>;
      for (const key of keys) node[key] = entity[key];
      return Object.assign(node, derived?.(entity, ...args));
    };
  };
}

/** A reference to an entity another subgraph resolves (federation's `__typename` and key). */
export const entityRef = <T extends string>(typename: T, id: string) => ({ __typename: typename, id });
