export const ORDER_SOURCES = [
  'SURVEY',
  'QUALIFICATION_REVIEW',
  'ONLINE_SCREENING',
  'INSPECTION',
  'COMPLAINT',
] as const;
export type OrderSource = (typeof ORDER_SOURCES)[number];

export const ORDER_STATUSES = ['OPEN', 'RECTIFIED', 'OVERDUE', 'ESCALATED', 'CLOSED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Levels of the escalation ladder; REFERRED means a discipline referral was made. */
export type EscalationLevel = 'COUNTY' | 'CITY' | 'PROVINCE' | 'REFERRED';
export type CaseLevel = Exclude<EscalationLevel, 'REFERRED'>;

export const NEXT_LEVEL: Record<CaseLevel, EscalationLevel> = {
  COUNTY: 'CITY',
  CITY: 'PROVINCE',
  PROVINCE: 'REFERRED',
};

/** The division code of the department responsible at a level: county 6, city 4, province 2 digits. */
export const regionAtLevel = (regionCode: string, level: EscalationLevel): string =>
  level === 'COUNTY'
    ? regionCode.slice(0, 6)
    : level === 'CITY'
      ? regionCode.slice(0, 4)
      : regionCode.slice(0, 2);

export interface Problem {
  code: string;
  description: string;
  field: string | null;
}

/** The longest rectification period an order may set. */
export const MAX_DEADLINE_YEARS = 5;
