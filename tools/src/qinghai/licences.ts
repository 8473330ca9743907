/**
 * Credit codes and licences of the generated institutions, and what rule set 2021-07 of the registry
 * makes of them (the generator records the expected status so tests can check the registry's own).
 */
import { creditCodeCheckCharacter, CREDIT_CODE_ALPHABET } from '@jianguan/platform';
import type {
  CertificateStatus,
  DemoCounty,
  DemoLicence,
  InstitutionCategory,
  InstitutionKind,
  LicenceType,
} from './model';

/** The first two characters name the registering department and organisation type (GB 32100). */
const REGISTRATION_TYPE = { OFFLINE_NON_ENTERPRISE: '52', ENTERPRISE: '91' } as const;

const ORG_SPACE = 31n ** 9n;
/** An odd multiplier not divisible by 31, so index → organisation code is one-to-one below 31^9. */
const ORG_MULTIPLIER = 2654435761n;

/** The 9-character organisation part of a credit code: unique per (seed, index), deterministic. */
function organisationCode(seed: number, index: number): string {
  let n = (BigInt(index) * ORG_MULTIPLIER + BigInt(seed) * 1_000_003n) % ORG_SPACE;
  let code = '';
  for (let i = 0; i < 9; i++) {
    code = CREDIT_CODE_ALPHABET[Number(n % 31n)] + code;
    n /= 31n;
  }
  return code;
}

/** A valid GB 32100 unified social credit code for the institution. */
export function demoCreditCode(seed: number, index: number, countyCode: string, kind: InstitutionKind) {
  const type = kind === 'OFFLINE' ? REGISTRATION_TYPE.OFFLINE_NON_ENTERPRISE : REGISTRATION_TYPE.ENTERPRISE;
  const first17 = `${type}${countyCode.slice(0, 6)}${organisationCode(seed, index)}`;
  return first17 + creditCodeCheckCharacter(first17);
}

/** Licence requirements of rule set 2021-07, as the registry applies them. */
export function requiredLicences(kind: InstitutionKind, category: InstitutionCategory): string[] {
  if (kind === 'OFFLINE') return ['SCHOOL_PERMIT', 'LEGAL_PERSON_REGISTRATION', 'FIRE_SAFETY_CLEARANCE'];
  const online = ['LEGAL_PERSON_REGISTRATION', 'ICP_FILING', 'NETWORK_SECURITY_LEVEL_PROTECTION'];
  return category === 'SUBJECT' ? ['SCHOOL_PERMIT', ...online, 'TELECOM_LICENCE'] : online;
}

export const LICENCE_FOR_REQUIREMENT = (requirement: string, kind: InstitutionKind): LicenceType => {
  if (requirement === 'LEGAL_PERSON_REGISTRATION') {
    return kind === 'OFFLINE' ? 'PRIVATE_NON_ENTERPRISE_CERTIFICATE' : 'BUSINESS_LICENCE';
  }
  return requirement as LicenceType;
};

/** What the registry computes (rule set 2021-07): the certificate status and the missing requirements. */
export function expectedCertificates(
  kind: InstitutionKind,
  category: InstitutionCategory,
  onNationalPlatform: boolean,
  held: readonly LicenceType[],
): { status: CertificateStatus; missing: string[] } {
  const has = new Set(held);
  const missing = requiredLicences(kind, category).filter((requirement) =>
    requirement === 'LEGAL_PERSON_REGISTRATION'
      ? !has.has('BUSINESS_LICENCE') && !has.has('PRIVATE_NON_ENTERPRISE_CERTIFICATE')
      : !has.has(requirement as LicenceType),
  );
  if (!onNationalPlatform) missing.push('NATIONAL_PLATFORM');
  const status: CertificateStatus =
    has.size === 0 ? 'NONE' : missing.length === 0 ? 'COMPLETE' : 'INCOMPLETE';
  return { status, missing };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export function licenceFor(
  type: LicenceType,
  institution: { index: number; creditCode: string; countyCode: string },
  county: DemoCounty,
  random: () => number,
): DemoLicence {
  const year = 2019 + Math.floor(random() * 7);
  const issuedOn = `${year}-${pad(1 + Math.floor(random() * 12), 2)}-${pad(1 + Math.floor(random() * 28), 2)}`;
  const serial = pad(institution.index + 1, 5);
  switch (type) {
    case 'SCHOOL_PERMIT':
      return {
        type,
        number: `教民${institution.countyCode}${year}${serial}号`,
        issuedBy: `${county.name}教育局`,
        issuedOn,
        validUntil: `${Math.max(year + 6, 2032)}-12-31`,
      };
    case 'PRIVATE_NON_ENTERPRISE_CERTIFICATE':
      return {
        type,
        number: institution.creditCode,
        issuedBy: `${county.name}民政局`,
        issuedOn,
        validUntil: null,
      };
    case 'BUSINESS_LICENCE':
      return {
        type,
        number: institution.creditCode,
        issuedBy: `${county.name}市场监督管理局`,
        issuedOn,
        validUntil: null,
      };
    case 'FIRE_SAFETY_CLEARANCE':
      return {
        type,
        number: `青消安检字〔${year}〕第${serial}号`,
        issuedBy: `${county.name}消防救援大队`,
        issuedOn,
        validUntil: null,
      };
    case 'ICP_FILING':
      return {
        type,
        number: `青ICP备${year}${serial}号`,
        issuedBy: '青海省通信管理局',
        issuedOn,
        validUntil: null,
      };
    case 'TELECOM_LICENCE':
      return {
        type,
        number: `青B2-${year}${pad(institution.index, 4)}`,
        issuedBy: '青海省通信管理局',
        issuedOn,
        validUntil: '2033-12-31',
      };
    case 'NETWORK_SECURITY_LEVEL_PROTECTION':
      return {
        type,
        number: `${institution.countyCode}${pad(institution.index, 5)}-${String(year).slice(2)}001`,
        issuedBy: `${county.cityName}公安局网络安全保卫支队`,
        issuedOn,
        validUntil: null,
      };
  }
}
