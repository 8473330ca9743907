export const FILING_STATUSES = [
  'DRAFT',
  'SUBMITTED',
  'SCREENING',
  'RECTIFICATION_REQUIRED',
  'FILED',
  'REJECTED',
] as const;
export type FilingStatus = (typeof FILING_STATUSES)[number];

export const PLATFORM_KINDS = ['WEBSITE', 'APP', 'WECHAT_OFFICIAL_ACCOUNT', 'MINI_PROGRAM'] as const;
export const PERSON_ROLES = ['TEACHER', 'TEACHING_ASSISTANT', 'STAFF'] as const;
/** 学科类: teaching them needs a teacher qualification certificate. */
const ACADEMIC = [
  'CHINESE',
  'MATH',
  'ENGLISH',
  'PHYSICS',
  'CHEMISTRY',
  'BIOLOGY',
  'HISTORY',
  'GEOGRAPHY',
  'POLITICS',
] as const;
export const ACADEMIC_SUBJECTS: readonly string[] = ACADEMIC;
/** Every subject: the academic ones, then the rest. */
export const SUBJECTS = [...ACADEMIC, 'ART', 'MUSIC', 'SPORTS', 'PROGRAMMING', 'OTHER'] as const;
export const DELIVERIES = ['LIVE', 'RECORDED'] as const;
export const BILLING_MODES = ['PER_LESSON', 'PREPAID'] as const;

export interface PlatformInfo {
  kind: (typeof PLATFORM_KINDS)[number];
  name: string;
  domain: string | null;
  icpNumber: string | null;
  storeIds: string[];
  accountId: string | null;
}

export interface InstitutionInfo {
  name: string;
  creditCode: string | null;
  legalRepresentative: string | null;
  address: string | null;
  contactPhone: string | null;
}

export interface BusinessInfo {
  platforms: PlatformInfo[];
  telecomLicence: string | null;
  complaintLink: string | null;
  userAgreement: string | null;
}

export interface CommitmentInfo {
  code: string;
  text: string;
}
