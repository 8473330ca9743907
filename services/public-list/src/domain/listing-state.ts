import { PENALTY_EFFECTS, type EventPayload } from '@jianguan/events';
import type { ListingEventType, ListingFact } from './listing-rules';

type AnyFact = { [T in ListingEventType]: ListingFact<T> }[ListingEventType];
type PenaltyType = EventPayload<'PenaltyImposed'>['penaltyType'];

/** A rectification order as the grey and black reasons need it. */
export interface OrderState {
  problemCount: number;
  deadline: string;
  /**
   * OPEN until confirmed in time (CLOSED) or its deadline is missed (MISSED, and so it stays after a
   * late fix). CLOSED_LATE: confirmed late before the miss was detected, which may still follow.
   */
  status: 'OPEN' | 'CLOSED' | 'CLOSED_LATE' | 'MISSED';
}

/** A black-listing by enforcement (rows 1 and 2 of the table), present until a removal decision. */
export interface Blacklisting {
  /** The order whose deadline was missed (row 1), or null for another reason (row 2). */
  orderId: string | null;
  reason: EventPayload<'InstitutionBlacklisted'>['reason'];
}

export interface PenaltyState {
  type: PenaltyType;
  endsAt: string | null;
  /** PenaltyEnded arrived: the measure is no longer in force. */
  ended: boolean;
}

/** What the registry says about an institution, shown beside its list. */
export interface InstitutionProfile {
  creditCode: string | null;
  name: string | null;
  kind: string | null;
  category: string | null;
  regionCode: string | null;
  certificateStatus: string | null;
}

/** Everything the rules table (listing-table.ts) reads about one institution, after some facts. */
export interface ListingState extends InstitutionProfile {
  /** The latest survey found it closed or gone; other reclassifications leave this alone. */
  closed: boolean;
  /** The approved permit's number, while the qualification stands. */
  permitNumber: string | null;
  /** The approved online filing's platform name, while the filing stands. */
  filedPlatform: string | null;
  orders: Map<string, OrderState>;
  /** Keyed by `order:<id>` or `reason:<reason>`, so a repeated black-listing is one entry. */
  blacklistings: Map<string, Blacklisting>;
  /** Only the penalties that change the list (PENALTY_EFFECTS `list` not null). */
  penalties: Map<string, PenaltyState>;
}

export const emptyListingState = (): ListingState => ({
  creditCode: null,
  name: null,
  kind: null,
  category: null,
  regionCode: null,
  certificateStatus: null,
  closed: false,
  permitNumber: null,
  filedPlatform: null,
  orders: new Map(),
  blacklistings: new Map(),
  penalties: new Map(),
});

/** Classifications that re-read certificates or the platform without a survey: they never close. */
const NOT_A_SURVEY = new Set(['CERTIFICATES_REASSESSED', 'NATIONAL_PLATFORM_JOINED']);

/** An order known only from a later fact, its issue not yet arrived. */
const orderNotYetSeen = (): OrderState => ({ problemCount: 0, deadline: '', status: 'OPEN' });

function markMissed(state: ListingState, orderId: string, deadline: string | null) {
  const order = state.orders.get(orderId) ?? orderNotYetSeen();
  // Confirmed in time (by event time): nothing was missed, a late detection changes nothing.
  if (order.status === 'CLOSED') return;
  order.status = 'MISSED';
  if (deadline) order.deadline = deadline;
  state.orders.set(orderId, order);
  state.blacklistings.set(`order:${orderId}`, { orderId, reason: 'RECTIFICATION_DEADLINE_MISSED' });
}

function applyBlacklisted(state: ListingState, p: EventPayload<'InstitutionBlacklisted'>) {
  if (p.orderId) return markMissed(state, p.orderId, null);
  state.blacklistings.set(`reason:${p.reason}`, { orderId: null, reason: p.reason });
}

/**
 * A removal decision takes away every black-listing present at that time. A penalty still in force
 * is a measure, not a listing: enforcement removes only when none without an end is in force, and
 * should one be, it stays (a pause still leaves by itself at its end).
 */
function applyRemoval(state: ListingState) {
  state.blacklistings.clear();
  for (const [id, penalty] of state.penalties) if (penalty.ended) state.penalties.delete(id);
}

function applyPenaltyEnded(state: ListingState, p: EventPayload<'PenaltyEnded'>) {
  const penalty = state.penalties.get(p.penaltyId);
  if (!penalty) return;
  penalty.ended = true;
  // A pause leaves the list at its end; a ban with a term stays black until a removal decision.
  if (PENALTY_EFFECTS[penalty.type].endsListingByItself) state.penalties.delete(p.penaltyId);
}

/** Folds one fact into the state (facts come in event-time order: listing-rules.ts compareFacts). */
export function applyFact(state: ListingState, fact: AnyFact): void {
  if ('regionCode' in fact.payload) state.regionCode = fact.payload.regionCode;
  switch (fact.type) {
    case 'InstitutionRegistered': {
      const { creditCode, name, kind, category } = fact.payload;
      Object.assign(state, { creditCode, name, kind, category });
      return;
    }
    case 'InstitutionClassified':
      state.certificateStatus = fact.payload.certificateStatus;
      if (!NOT_A_SURVEY.has(fact.payload.surveyFinding)) {
        state.closed = fact.payload.surveyFinding === 'CLOSED_OR_NOT_FOUND';
      }
      return;
    case 'LicenceRecorded':
      state.certificateStatus = fact.payload.certificateStatus;
      return;
    case 'QualificationApproved':
      state.permitNumber = fact.payload.permitNumber;
      state.blacklistings.delete('reason:UNLICENSED'); // the permit is what the listing was for
      return;
    case 'QualificationRejected':
      state.permitNumber = null;
      return;
    case 'OnlineFilingApproved':
      state.filedPlatform = fact.payload.platformName;
      return;
    case 'OnlineFilingRejected':
      state.filedPlatform = null;
      return;
    case 'RectificationOrderIssued':
    case 'RectificationOrderAmended': {
      const { orderId, problems, deadline } = fact.payload;
      const order = state.orders.get(orderId);
      if (order) Object.assign(order, { problemCount: problems.length, deadline });
      else state.orders.set(orderId, { problemCount: problems.length, deadline, status: 'OPEN' });
      return;
    }
    case 'RectificationConfirmed': {
      const { orderId, late } = fact.payload;
      const order = state.orders.get(orderId) ?? orderNotYetSeen();
      // A late confirmation leaves a missed deadline (and its black-listing) in place.
      if (order.status === 'OPEN') order.status = late ? 'CLOSED_LATE' : 'CLOSED';
      state.orders.set(orderId, order);
      return;
    }
    case 'RectificationDeadlineMissed':
      return markMissed(state, fact.payload.orderId, fact.payload.deadline);
    case 'InstitutionBlacklisted':
      return applyBlacklisted(state, fact.payload);
    case 'PenaltyImposed': {
      const { penaltyId, penaltyType, endsAt } = fact.payload;
      if (PENALTY_EFFECTS[penaltyType].list) {
        state.penalties.set(penaltyId, { type: penaltyType, endsAt, ended: false });
      }
      return;
    }
    case 'PenaltyEnded':
      return applyPenaltyEnded(state, fact.payload);
    case 'InstitutionRemovedFromBlacklist':
      return applyRemoval(state);
  }
}
