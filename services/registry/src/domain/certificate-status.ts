import type { CertificateStatus, InstitutionCategory, InstitutionKind } from '../entities/institution.entity';
import type { LicenceType } from '../entities/licence.entity';
import { shanghaiDay } from '@jianguan/platform';
import { SATISFIED_BY, type LicenceRequirement, type LicenceRuleSet } from './licence-rules';

export interface HeldLicence {
  type: LicenceType;
  validUntil: string | null;
}

export interface CertificateAssessment {
  certificateStatus: CertificateStatus;
  missing: LicenceRequirement[];
  ruleSetVersion: string;
}

export const isLicenceValid = (licence: HeldLicence, today: string) =>
  licence.validUntil === null || licence.validUntil >= today;

/**
 * COMPLETE when every requirement of the rule set is met; NONE when the institution holds no valid
 * licence at all (unlicensed); INCOMPLETE otherwise (证照不全). Not being on the national platform counts
 * as a missing requirement where the rule set asks for it.
 */
export function assessCertificates(
  institution: { kind: InstitutionKind; category: InstitutionCategory; onNationalPlatform: boolean },
  licences: HeldLicence[],
  ruleSet: LicenceRuleSet,
  at: Date,
): CertificateAssessment {
  const today = shanghaiDay(at);
  const held = new Set(licences.filter((l) => isLicenceValid(l, today)).map((l) => l.type));
  const missing = ruleSet.requirements[institution.kind][institution.category].filter((requirement) =>
    requirement === 'NATIONAL_PLATFORM'
      ? !institution.onNationalPlatform
      : !SATISFIED_BY[requirement].some((type) => held.has(type)),
  );
  const certificateStatus: CertificateStatus =
    held.size === 0 ? 'NONE' : missing.length === 0 ? 'COMPLETE' : 'INCOMPLETE';
  return { certificateStatus, missing, ruleSetVersion: ruleSet.version };
}
