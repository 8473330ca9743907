import type { InstitutionStatus } from '../entities/institution.entity';

/** A status only a measure in force imposes (a penalty or a black-listing). */
export type RestrictionStatus = Extract<InstitutionStatus, 'BANNED' | 'SUSPENDED'>;

export interface StatusFacts {
  /** The latest survey found the institution closed or gone. */
  closedBySurvey: boolean;
  /** The statuses of the restrictions in force. */
  restrictions: readonly RestrictionStatus[];
  openOrders: number;
}

/**
 * The registry status (docs/design.md §9.3), the one place it is decided: BANNED while any BANNED
 * restriction is in force, else SUSPENDED while any SUSPENDED one is, else CLOSED if the survey
 * closed it, else RECTIFYING with an open order, else ACTIVE. Every fact is kept, so the status
 * falls back to the next rule when the last measure of a rule ends.
 */
export function deriveInstitutionStatus(facts: StatusFacts): InstitutionStatus {
  if (facts.restrictions.includes('BANNED')) return 'BANNED';
  if (facts.restrictions.includes('SUSPENDED')) return 'SUSPENDED';
  if (facts.closedBySurvey) return 'CLOSED';
  return facts.openOrders > 0 ? 'RECTIFYING' : 'ACTIVE';
}
