import type { InstitutionEntity } from './entities/institution.entity';
import type { LicenceEntity } from './entities/licence.entity';
import type { RegionEntity } from './entities/region.entity';
import { isLicenceValid } from './domain/certificate-status';
import { shanghaiDay } from '@jianguan/platform';

/** The GraphQL shapes, built from entities so storage columns (version, rule ids) stay inside. */
export interface InstitutionNode {
  id: string;
  name: string;
  creditCode: string;
  kind: string;
  category: string;
  regionCode: string;
  address: string;
  status: string;
  onNationalPlatform: boolean;
  trainingStopOrderedAt: Date | null;
  certificateStatus: string;
  missingLicences: string[];
  ruleSetVersion: string;
  registeredAt: Date;
}

export const toInstitutionNode = (i: InstitutionEntity): InstitutionNode => ({
  id: i.id,
  name: i.name,
  creditCode: i.creditCode,
  kind: i.kind,
  category: i.category,
  regionCode: i.regionCode,
  address: i.address,
  status: i.status,
  onNationalPlatform: i.onNationalPlatform,
  trainingStopOrderedAt: i.trainingStopOrderedAt,
  certificateStatus: i.certificateStatus,
  missingLicences: i.missingLicences,
  ruleSetVersion: i.ruleSetVersion,
  registeredAt: i.registeredAt,
});

export interface RegionNode {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
}

export const toRegionNode = (r: RegionEntity): RegionNode => ({
  code: r.code,
  name: r.name,
  level: r.level,
  parentCode: r.parentCode,
});

export const toLicenceNode = (l: LicenceEntity, now = new Date()) => ({
  id: l.id,
  type: l.type,
  number: l.number,
  issuedBy: l.issuedBy,
  issuedOn: l.issuedOn,
  validUntil: l.validUntil,
  valid: isLicenceValid(l, shanghaiDay(now)),
  recordedAt: l.recordedAt,
});
