import { DateTimeScalar } from '@jianguan/platform';
import { queryResolvers } from './query';
import { institutionResolvers, listingResolvers, regionResolvers } from './entities';

export const publicListResolvers = {
  DateTime: DateTimeScalar,
  Query: queryResolvers,
  Institution: institutionResolvers,
  Listing: listingResolvers,
  Region: regionResolvers,
};
