import { DateTimeScalar } from '@jianguan/platform';
import { queryResolvers } from './query';
import { mutationResolvers } from './mutation';
import {
  blacklistEntryResolvers,
  campaignResolvers,
  institutionResolvers,
  orderResolvers,
  patrolCardResolvers,
  penaltyResolvers,
  referralResolvers,
  regionResolvers,
} from './entities';

export const enforcementResolvers = {
  DateTime: DateTimeScalar,
  Query: queryResolvers,
  Mutation: mutationResolvers,
  RectificationOrder: orderResolvers,
  DisciplineReferral: referralResolvers,
  Penalty: penaltyResolvers,
  BlacklistEntry: blacklistEntryResolvers,
  PatrolCard: patrolCardResolvers,
  Campaign: campaignResolvers,
  Institution: institutionResolvers,
  Region: regionResolvers,
};
