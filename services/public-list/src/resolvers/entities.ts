import { badInput, forbidden } from '@jianguan/platform';
import type { PublicListContext } from '../context';
import { toListingChangeNode, toListingNode, type ListingNode } from '../api-types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const institutionResolvers = {
  /** Listings with their history are for officials (and the institution itself), not the public. */
  __resolveReference: ({ id }: { id: string }, ctx: PublicListContext) => {
    ctx.viewer.requireUser();
    if (!UUID.test(id)) throw badInput('id', 'id must be an ID');
    return { id };
  },
  listing: async ({ id }: { id: string }, _: unknown, ctx: PublicListContext) => {
    const listing = await ctx.loaders.listing.load(id);
    if (!listing) return null;
    const visible = ctx.viewer.canSeeInstitution({ id, regionCode: listing.regionCode ?? '' });
    if (!visible) throw forbidden('Outside your jurisdiction');
    return toListingNode(listing);
  },
};

export const listingResolvers = {
  history: async (listing: ListingNode, _: unknown, ctx: PublicListContext) =>
    (await ctx.loaders.history.load(listing.institutionId)).map(toListingChangeNode),
};

export const regionResolvers = {
  __resolveReference: ({ code }: { code: string }, ctx: PublicListContext) => {
    ctx.viewer.requireUser();
    return { code };
  },
  /** Statistics are for officials whose jurisdiction includes the whole region. */
  listStats: ({ code }: { code: string }, _: unknown, ctx: PublicListContext) => {
    ctx.viewer.requireRegionStatistics(code);
    return ctx.loaders.listStats.load(code);
  },
};
