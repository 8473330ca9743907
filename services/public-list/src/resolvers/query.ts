import type { PublicListContext } from '../context';
import type { PublicListName } from '../domain/listing-rules';
import { listPublicEntries, lookupPublicEntries } from '../queries/public-entries';
import { listTypicalCases } from '../queries/typical-cases';
import { openDataExport, type OpenDataFormat } from '../queries/open-data';

/** Public answers are the same for every caller, so they are shared through the version-keyed cache. */
const shared = <T>(ctx: PublicListContext, key: string, compute: () => Promise<T>) =>
  ctx.loaders.listVersion().then((version) => ctx.cache.get(version, key, compute));

/** Anyone may ask these, with or without a token (docs/design.md §6: the public reads public-list only). */
export const queryResolvers = {
  publicList: (
    _: unknown,
    args: { list: PublicListName; regionCode?: string | null; first?: number | null; after?: string | null },
    ctx: PublicListContext,
  ) =>
    shared(ctx, `list:${JSON.stringify([args.list, args.regionCode, args.first, args.after])}`, () =>
      listPublicEntries(ctx.dataSource, args),
    ),

  publicLookup: (_: unknown, { query }: { query: string }, ctx: PublicListContext) =>
    shared(ctx, `lookup:${query}`, () => lookupPublicEntries(ctx.dataSource, query)),

  typicalCases: (
    _: unknown,
    args: { regionCode?: string | null; first?: number | null; after?: string | null },
    ctx: PublicListContext,
  ) =>
    shared(ctx, `cases:${JSON.stringify([args.regionCode, args.first, args.after])}`, () =>
      listTypicalCases(ctx.dataSource, args),
    ),

  publicListVersion: (_: unknown, _args: unknown, ctx: PublicListContext) =>
    ctx.loaders.listVersion().then(String),

  openDataExport: (
    _: unknown,
    args: { regionCode: string; format: OpenDataFormat },
    ctx: PublicListContext,
  ) =>
    shared(ctx, `export:${args.regionCode}:${args.format}`, () =>
      openDataExport(ctx.dataSource, args.regionCode, args.format),
    ),
};
