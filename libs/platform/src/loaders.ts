import DataLoader from 'dataloader';
import {
  Any,
  type DataSource,
  type FindOptionsOrder,
  type FindOptionsSelect,
  type FindOptionsWhere,
  type ObjectLiteral,
} from 'typeorm';
import { rowByKey, rowsGroupedByKey } from './batch-results';

/**
 * The two shapes of a subgraph's per-request DataLoaders: the one row whose `key` column equals each
 * key (an entity by id, a filing by institution), and every row under each key (an order's history,
 * an institution's licences). Keys go as one array parameter (`= ANY($1)`): TypeORM's In() makes a
 * parameter per key, and building those showed in every subgraph's CPU profile once the gateway
 * merged requests' entities.
 */

type StringKey<E> = { [K in keyof E]: E[K] extends string | null ? K : never }[keyof E] & string;

interface LoaderQuery<E> {
  /** More conditions on every batch (e.g. only open findings). */
  where?: FindOptionsWhere<E>;
  /** Only these columns, when the rest of the row is large and never shown. */
  select?: FindOptionsSelect<E>;
}

async function findByKeys<E extends ObjectLiteral>(
  dataSource: DataSource,
  entity: new () => E,
  key: StringKey<E>,
  keys: readonly string[],
  query: LoaderQuery<E> & { order?: FindOptionsOrder<E> },
): Promise<E[]> {
  return dataSource.getRepository(entity).find({
    select: query.select,
    where: { ...query.where, [key]: Any([...keys]) } as FindOptionsWhere<E>,
    order: query.order,
  });
}

/** The row of `entity` whose `key` column equals each key, or null. */
export function loaderOfOne<E extends ObjectLiteral>(
  dataSource: DataSource,
  entity: new () => E,
  key: StringKey<E>,
  query: LoaderQuery<E> = {},
) {
  return new DataLoader<string, E | null>(async (keys) =>
    rowByKey(keys, await findByKeys(dataSource, entity, key, keys, query), (row) => row[key] as string),
  );
}

/** Every row of `entity` under each key of its `key` column, in `order`; a key without rows gets []. */
export function loaderOfMany<E extends ObjectLiteral>(
  dataSource: DataSource,
  entity: new () => E,
  key: StringKey<E>,
  order: FindOptionsOrder<E>,
  query: LoaderQuery<E> = {},
) {
  return new DataLoader<string, E[]>(async (keys) =>
    rowsGroupedByKey(
      keys,
      await findByKeys(dataSource, entity, key, keys, { ...query, order }),
      (row) => row[key] as string,
    ),
  );
}
