import { DateTimeScalar } from '@jianguan/platform';
import { queryResolvers } from './query';
import { mutationResolvers } from './mutation';
import { applicationResolvers, institutionResolvers, regionResolvers } from './entities';

export const reviewResolvers = {
  DateTime: DateTimeScalar,
  Query: queryResolvers,
  Mutation: mutationResolvers,
  QualificationApplication: applicationResolvers,
  Institution: institutionResolvers,
  Region: regionResolvers,
};
