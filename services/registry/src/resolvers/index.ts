import { DateScalar, DateTimeScalar } from '@jianguan/platform';
import { queryResolvers } from './query';
import { mutationResolvers } from './mutation';
import { institutionResolvers } from './institution';
import { regionResolvers } from './region';

export const registryResolvers = {
  DateTime: DateTimeScalar,
  Date: DateScalar,
  Query: queryResolvers,
  Mutation: mutationResolvers,
  Institution: institutionResolvers,
  Region: regionResolvers,
};
