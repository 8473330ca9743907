import { refusal as tableRefusal, type TransitionTable } from '@jianguan/platform';

export const APPLICATION_STATUSES = [
  'SUBMITTED',
  'UNDER_REVIEW',
  'MATERIALS_REQUESTED',
  'APPROVED',
  'REJECTED',
  'WITHDRAWN',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** Still waiting for a decision: the time limit applies. */
export const OPEN_STATUSES: readonly ApplicationStatus[] = [
  'SUBMITTED',
  'UNDER_REVIEW',
  'MATERIALS_REQUESTED',
];

export type Transition = 'startReview' | 'requestMaterials' | 'resubmitMaterials' | 'decide' | 'withdraw';

const WHY: Record<Transition, string> = {
  startReview: 'Only a submitted application can be taken into review',
  requestMaterials: 'Materials can only be requested during review',
  resubmitMaterials: 'No materials were requested',
  decide: 'Only an application under review can be decided',
  withdraw: 'Only an open application can be withdrawn',
};

/** SUBMITTED → UNDER_REVIEW ⇄ MATERIALS_REQUESTED → APPROVED | REJECTED, and WITHDRAWN while open. */
export const APPLICATION_TRANSITIONS: TransitionTable<Transition, ApplicationStatus> = {
  from: {
    startReview: ['SUBMITTED'],
    requestMaterials: ['UNDER_REVIEW'],
    resubmitMaterials: ['MATERIALS_REQUESTED'],
    decide: ['UNDER_REVIEW'],
    withdraw: OPEN_STATUSES,
  },
  why: (transition, status) => `${WHY[transition]} (it is ${status})`,
};

/** The reason a transition is refused from this status, or null when it is allowed. */
export const refusal = (transition: Transition, status: ApplicationStatus): string | null =>
  tableRefusal(APPLICATION_TRANSITIONS, transition, status);
