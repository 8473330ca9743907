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

/** SUBMITTED → UNDER_REVIEW ⇄ MATERIALS_REQUESTED → APPROVED | REJECTED, and WITHDRAWN while open. */
const ALLOWED: Record<Transition, readonly ApplicationStatus[]> = {
  startReview: ['SUBMITTED'],
  requestMaterials: ['UNDER_REVIEW'],
  resubmitMaterials: ['MATERIALS_REQUESTED'],
  decide: ['UNDER_REVIEW'],
  withdraw: OPEN_STATUSES,
};

const WHY: Record<Transition, string> = {
  startReview: 'Only a submitted application can be taken into review',
  requestMaterials: 'Materials can only be requested during review',
  resubmitMaterials: 'No materials were requested',
  decide: 'Only an application under review can be decided',
  withdraw: 'Only an open application can be withdrawn',
};

/** The reason a transition is refused from this status, or null when it is allowed. */
export function refusal(transition: Transition, status: ApplicationStatus): string | null {
  return ALLOWED[transition].includes(status) ? null : `${WHY[transition]} (it is ${status})`;
}
