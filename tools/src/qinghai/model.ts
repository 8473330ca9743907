/**
 * The shape of the synthetic Qinghai data set (see ./generator.ts): the counties it is spread over and
 * the institutions it invents, with what the registry is expected to make of each.
 */
export interface DemoGrid {
  code: string;
  name: string;
}

export interface DemoTown {
  code: string;
  name: string;
  /** Communities / villages of the township (the grid workers' grids); may be empty. */
  grids: DemoGrid[];
}

export interface DemoCounty {
  code: string;
  name: string;
  cityCode: string;
  cityName: string;
  towns: DemoTown[];
}

export type InstitutionKind = 'OFFLINE' | 'ONLINE';
export type InstitutionCategory = 'SUBJECT' | 'NON_SUBJECT';
export type LicenceType =
  | 'SCHOOL_PERMIT'
  | 'BUSINESS_LICENCE'
  | 'PRIVATE_NON_ENTERPRISE_CERTIFICATE'
  | 'FIRE_SAFETY_CLEARANCE'
  | 'ICP_FILING'
  | 'TELECOM_LICENCE'
  | 'NETWORK_SECURITY_LEVEL_PROTECTION';
export type CertificateStatus = 'COMPLETE' | 'INCOMPLETE' | 'NONE';
export type SurveyFinding = 'OPERATING' | 'CLOSED' | 'NOT_FOUND';

/** What the generator decided an institution is like; the registry computes the same status itself. */
export type InstitutionProfile = 'COMPLETE' | 'MISSING_LICENCE' | 'NOT_ON_PLATFORM' | 'UNLICENSED' | 'CLOSED';

export interface DemoLicence {
  type: LicenceType;
  number: string;
  issuedBy: string;
  /** YYYY-MM-DD */
  issuedOn: string;
  /** YYYY-MM-DD, or null when it does not expire; always far enough ahead to be valid in the demo. */
  validUntil: string | null;
}

export interface DemoInstitution {
  /** Position in the data set (0-based); stable for a given seed and size. */
  index: number;
  name: string;
  creditCode: string;
  kind: InstitutionKind;
  category: InstitutionCategory;
  countyCode: string;
  /** The grid (12-digit community/village) or, where a township has none, the township (9 digits). */
  regionCode: string;
  address: string;
  onNationalPlatform: boolean;
  profile: InstitutionProfile;
  licences: DemoLicence[];
  /** What the registry's rule set (2021-07) makes of the licences and platform membership. */
  expectedCertificateStatus: CertificateStatus;
  /** The requirements the registry will report missing (rule set 2021-07). */
  expectedMissing: string[];
  survey: { finding: SurveyFinding; daysAgo: number; notes: string | null };
}

export interface DemoDataset {
  seed: number;
  counties: DemoCounty[];
  institutions: DemoInstitution[];
}

export const DEFAULT_DEMO_SIZE = 3000;
export const DEFAULT_DEMO_SEED = 63;
