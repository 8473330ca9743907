import { shanghaiDay } from '@jianguan/platform';
import type { InstitutionCategory, InstitutionKind } from '../entities/institution.entity';
import type { LicenceType } from '../entities/licence.entity';

export type LicenceRequirement =
  | 'SCHOOL_PERMIT'
  | 'LEGAL_PERSON_REGISTRATION'
  | 'FIRE_SAFETY_CLEARANCE'
  | 'ICP_FILING'
  | 'TELECOM_LICENCE'
  | 'NETWORK_SECURITY_LEVEL_PROTECTION'
  | 'NATIONAL_PLATFORM';

/** Which licence types meet a requirement (a legal person registers as a company or as a 民非). */
export const SATISFIED_BY: Record<Exclude<LicenceRequirement, 'NATIONAL_PLATFORM'>, LicenceType[]> = {
  SCHOOL_PERMIT: ['SCHOOL_PERMIT'],
  LEGAL_PERSON_REGISTRATION: ['BUSINESS_LICENCE', 'PRIVATE_NON_ENTERPRISE_CERTIFICATE'],
  FIRE_SAFETY_CLEARANCE: ['FIRE_SAFETY_CLEARANCE'],
  ICP_FILING: ['ICP_FILING'],
  TELECOM_LICENCE: ['TELECOM_LICENCE'],
  NETWORK_SECURITY_LEVEL_PROTECTION: ['NETWORK_SECURITY_LEVEL_PROTECTION'],
};

export interface LicenceRuleSet {
  version: string;
  /** The policy document that set the requirements. */
  document: string;
  /** First day (Asia/Shanghai) the set applies. */
  effectiveFrom: string;
  requirements: Record<InstitutionKind, Record<InstitutionCategory, LicenceRequirement[]>>;
}

const OFFLINE_BASE: LicenceRequirement[] = [
  'SCHOOL_PERMIT',
  'LEGAL_PERSON_REGISTRATION',
  'FIRE_SAFETY_CLEARANCE',
];
const ONLINE_BASE: LicenceRequirement[] = [
  'LEGAL_PERSON_REGISTRATION',
  'ICP_FILING',
  'NETWORK_SECURITY_LEVEL_PROTECTION',
];

/**
 * Versioned rule sets, oldest first. Requirements change with policy; an institution's status is
 * computed with the set in force on the day of computation, and the set's version is stored with it.
 */
export const LICENCE_RULE_SETS: LicenceRuleSet[] = [
  {
    version: '2018-08',
    document: '国务院办公厅关于规范校外培训机构发展的意见（国办发〔2018〕80号）',
    effectiveFrom: '2018-08-22',
    requirements: {
      OFFLINE: { SUBJECT: OFFLINE_BASE, NON_SUBJECT: OFFLINE_BASE },
      ONLINE: { SUBJECT: ONLINE_BASE, NON_SUBJECT: ONLINE_BASE },
    },
  },
  {
    version: '2021-07',
    document: '关于进一步减轻义务教育阶段学生作业负担和校外培训负担的意见（2021年7月）',
    effectiveFrom: '2021-07-24',
    requirements: {
      OFFLINE: {
        SUBJECT: [...OFFLINE_BASE, 'NATIONAL_PLATFORM'],
        NON_SUBJECT: [...OFFLINE_BASE, 'NATIONAL_PLATFORM'],
      },
      // Online subject training needs the school-running permit (审批) as well as the telecom licence.
      ONLINE: {
        SUBJECT: ['SCHOOL_PERMIT', ...ONLINE_BASE, 'TELECOM_LICENCE', 'NATIONAL_PLATFORM'],
        NON_SUBJECT: [...ONLINE_BASE, 'NATIONAL_PLATFORM'],
      },
    },
  },
];

export function ruleSetInForce(at: Date, sets: LicenceRuleSet[] = LICENCE_RULE_SETS): LicenceRuleSet {
  const day = shanghaiDay(at);
  const inForce = sets.filter((set) => set.effectiveFrom <= day).at(-1);
  if (!inForce) throw new Error(`No licence rule set in force on ${day}`);
  return inForce;
}
