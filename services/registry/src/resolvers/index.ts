import { DateScalar, DateTimeScalar } from '@jianguan/platform';
import { queryResolvers } from './query';
import { mutationResolvers } from './mutation';
import { institutionResolvers } from './institution';
import { regionResolvers } from './region';
import { calendarMutationResolvers, calendarQueryResolvers } from '../calendar/resolvers';

export const registryResolvers = {
  DateTime: DateTimeScalar,
  Date: DateScalar,
  Query: { ...queryResolvers, ...calendarQueryResolvers },
  Mutation: { ...mutationResolvers, ...calendarMutationResolvers },
  Institution: institutionResolvers,
  Region: regionResolvers,
};
