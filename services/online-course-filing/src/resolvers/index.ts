import { DateScalar, DateTimeScalar } from '@jianguan/platform';
import { queryResolvers } from './query';
import { mutationResolvers } from './mutation';
import { filingResolvers, institutionInfoResolvers, institutionResolvers, regionResolvers } from './entities';

export const filingGraphResolvers = {
  DateTime: DateTimeScalar,
  Date: DateScalar,
  Query: queryResolvers,
  Mutation: mutationResolvers,
  OnlineFiling: filingResolvers,
  Institution: institutionResolvers,
  Region: regionResolvers,
  FilingInstitutionInfo: institutionInfoResolvers,
};
