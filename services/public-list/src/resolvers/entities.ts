import { forbidden, institutionReference, regionReference, regionStatistics } from '@jianguan/platform';
import type { PublicListContext } from '../context';
import { toListingChangeNode, toListingNode, type ListingNode } from '../api-types';

export const institutionResolvers = {
  /** Listings with their history are for officials (and the institution itself), not the public. */
  __resolveReference: institutionReference,
  listing: async ({ id }: { id: string }, _: unknown, ctx: PublicListContext) => {
    const listing = await ctx.loaders.listing.load(id);
    if (!listing) return null;
    if (!ctx.viewer.may('listing.read', { institutionId: id, regionCode: listing.regionCode ?? '' })) {
      throw forbidden('Outside your jurisdiction');
    }
    return toListingNode(listing);
  },
};

export const listingResolvers = {
  history: async (listing: ListingNode, _: unknown, ctx: PublicListContext) =>
    (await ctx.loaders.history.load(listing.institutionId)).map(toListingChangeNode),
};

export const regionResolvers = {
  __resolveReference: regionReference,
  listStats: regionStatistics((ctx: PublicListContext, code) => ctx.loaders.listStats.load(code)),
};
