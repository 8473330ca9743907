import type { TransitionTable } from '@jianguan/platform';
import type { FilingStatus } from './types';

export type Transition = 'submit' | 'screen' | 'addFinding' | 'approve' | 'reject';

export const FILING_TRANSITIONS: TransitionTable<Transition, FilingStatus> = {
  from: {
    submit: ['DRAFT', 'RECTIFICATION_REQUIRED', 'REJECTED'],
    screen: ['SUBMITTED', 'SCREENING'],
    addFinding: ['SUBMITTED', 'SCREENING'],
    approve: ['SCREENING'],
    reject: ['SUBMITTED', 'SCREENING', 'RECTIFICATION_REQUIRED'],
  },
  why: (transition, status) =>
    transition === 'approve' && status === 'SUBMITTED'
      ? 'The filing must be screened before approval'
      : `A ${status} filing cannot be changed by ${transition}`,
};
