import type { FilingStatus } from './types';

export type Transition = 'submit' | 'screen' | 'addFinding' | 'approve' | 'reject';

const FROM: Record<Transition, FilingStatus[]> = {
  submit: ['DRAFT', 'RECTIFICATION_REQUIRED', 'REJECTED'],
  screen: ['SUBMITTED', 'SCREENING'],
  addFinding: ['SUBMITTED', 'SCREENING'],
  approve: ['SCREENING'],
  reject: ['SUBMITTED', 'SCREENING', 'RECTIFICATION_REQUIRED'],
};

/** Why the transition is refused from this status, or undefined when it is allowed. */
export function refusal(transition: Transition, status: FilingStatus): string | undefined {
  if (FROM[transition].includes(status)) return undefined;
  if (transition === 'approve' && status === 'SUBMITTED')
    return 'The filing must be screened before approval';
  return `A ${status} filing cannot be changed by ${transition}`;
}
