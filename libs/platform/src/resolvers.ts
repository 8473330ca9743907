import type { z } from 'zod';
import type { Viewer } from './auth';
import type { PermissionName, Subject } from './permissions';
import type { Connection } from './pagination';
import type { RequestContext } from './subgraph-server';
import { parseInput, requireUuid } from './validation';

/**
 * The resolver shapes every subgraph has, declared once: a mutation (who may ask, its input checked,
 * its command run, the result in its API shape), one record by id for a caller who may see it, the
 * stubs of entities another subgraph owns, a region's statistics, and a page's nodes in API shape.
 */

/** A command as every service writes one: what it needs, who asks, the checked input, the request. */
export type Command<D, I, R> = (deps: D, viewer: Viewer, input: I, requestId: string) => Promise<R>;

/** Where a mutation's fields arrive: in one `input` argument, or as the arguments themselves. */
type MutationFields<S> = { input: S; arguments?: never } | { arguments: S; input?: never };

export type MutationSpec<C, D, S extends z.ZodType, R, N> = MutationFields<S> & {
  /** Checked before the input's ids are looked up or their rows locked; the command checks the row. */
  permission: PermissionName;
  command: Command<D, z.infer<S>, R>;
  /** The result in its API shape. */
  toNode: (result: R) => N;
  /** Puts what the command also made into the request's loaders, for the fields asked next. */
  prime?: (result: R, ctx: C) => void;
  /** What the request's log should warn of about the result (e.g. a provisional deadline). */
  warn?: (result: R, ctx: C) => void;
};

/**
 * The mutation resolvers of a service whose commands take `depsOf(ctx)`:
 * `const mutation = commandMutations((ctx: FilingContext) => ctx.deps)`, then one
 * `mutation({ permission, input, command, toNode })` per mutation.
 */
export function commandMutations<C extends RequestContext, D>(depsOf: (ctx: C) => D) {
  return <S extends z.ZodType, R, N>(spec: MutationSpec<C, D, S, R, N>) =>
    async (_: unknown, args: Record<string, unknown>, ctx: C): Promise<N> => {
      ctx.viewer.require(spec.permission);
      const fields = spec.input ? parseInput(spec.input, args.input) : parseInput(spec.arguments!, args);
      const result = await spec.command(depsOf(ctx), ctx.viewer, fields as z.infer<S>, ctx.requestId);
      spec.prime?.(result, ctx);
      spec.warn?.(result, ctx);
      return spec.toNode(result);
    };
}

/**
 * One record by id for the caller, read the same way by a root query and by entity resolution: the
 * permission checked before it is loaded, the record's own rule after; null when there is none.
 */
export const visibleNode =
  <C extends RequestContext, E extends Subject, N>(
    permission: PermissionName,
    load: (ctx: C, id: string) => Promise<E | null>,
    toNode: (row: E) => N,
  ) =>
  async (ctx: C, id: string): Promise<N | null> => {
    const row = await ctx.viewer.requireVisible(permission, () => load(ctx, requireUuid('id', id)));
    return row && toNode(row);
  };

/** An Institution another subgraph owns, resolved here for this subgraph's fields: signed-in callers. */
export const institutionReference = ({ id }: { id: string }, ctx: RequestContext) => {
  ctx.viewer.requireUser();
  return { id: requireUuid('id', id) };
};

/** A Region the registry owns, resolved here for this subgraph's statistics: signed-in callers. */
export const regionReference = ({ code }: { code: string }, ctx: RequestContext) => {
  ctx.viewer.requireUser();
  return { code };
};

/** A region's figures: for officials whose jurisdiction includes the whole region. */
export const regionStatistics =
  <C extends RequestContext, T>(load: (ctx: C, code: string) => Promise<T>) =>
  ({ code }: { code: string }, _: unknown, ctx: C): Promise<T> => {
    ctx.viewer.requireRegionStatistics(code);
    return load(ctx, code);
  };

/**
 * A page with each node in its API shape. With `loader`, the rows are primed in it first, so later
 * field resolvers (and entity resolution in the same request) find them instead of re-reading them.
 */
export function mapNodes<T, N>(connection: Connection<T>, toNode: (row: T) => N): Connection<N>;
export function mapNodes<T extends { id: string }, N>(
  connection: Connection<T>,
  toNode: (row: T) => N,
  loader: { prime(id: string, row: T): unknown },
): Connection<N>;
export function mapNodes<T, N>(
  connection: Connection<T>,
  toNode: (row: T) => N,
  loader?: { prime(id: string, row: T): unknown },
): Connection<N> {
  if (loader) for (const { node } of connection.edges) loader.prime((node as { id: string }).id, node);
  return { ...connection, edges: connection.edges.map((e) => ({ ...e, node: toNode(e.node) })) };
}
