import type { InstitutionEntity } from './entities/institution.entity';
import type { LicenceEntity } from './entities/licence.entity';
import type { RegionEntity } from './entities/region.entity';
import { isLicenceValid } from './domain/certificate-status';
import { apiNode, shanghaiDay, standardRegionCode } from '@jianguan/platform';

/** The GraphQL shapes, built from entities so storage columns (version, rule ids) stay inside. */
export const toInstitutionNode = apiNode<InstitutionEntity>()([
  'id name creditCode kind category regionCode address status onNationalPlatform trainingStopOrderedAt',
  'certificateStatus missingLicences ruleSetVersion registeredAt',
]);
export type InstitutionNode = ReturnType<typeof toInstitutionNode>;

export const toRegionNode = apiNode<RegionEntity>()(['code name level parentCode'], (r) => ({
  standardCode: standardRegionCode(r.code),
}));
export type RegionNode = ReturnType<typeof toRegionNode>;

export const toLicenceNode = apiNode<LicenceEntity>()(
  ['id type number issuedBy issuedOn validUntil recordedAt'],
  (l, now: Date = new Date()) => ({ valid: isLicenceValid(l, shanghaiDay(now)) }),
);
