import type { EventPayload, EventType } from '@jianguan/events';
import { applyFact, emptyListingState, type InstitutionProfile, type ListingState } from './listing-state';
import { listFor, type Placement, type PublicListName } from './listing-table';

export { PUBLIC_LISTS, type PublicListName } from './listing-table';

/** The events that decide an institution's list, as stored in `listing_fact`. */
export const LISTING_EVENT_TYPES = [
  'InstitutionRegistered',
  'InstitutionClassified',
  'LicenceRecorded',
  'QualificationApproved',
  'QualificationRejected',
  'OnlineFilingApproved',
  'OnlineFilingRejected',
  'RectificationOrderIssued',
  'RectificationConfirmed',
  'RectificationOrderAmended',
  'RectificationDeadlineMissed',
  'InstitutionBlacklisted',
  'PenaltyImposed',
  'PenaltyEnded',
  'InstitutionRemovedFromBlacklist',
] as const satisfies readonly EventType[];
export type ListingEventType = (typeof LISTING_EVENT_TYPES)[number];

export interface ListingFact<T extends ListingEventType = ListingEventType> {
  eventId: string;
  type: T;
  /** Event time: when the decision was taken, not when it reached this service. */
  occurredAt: Date;
  payload: EventPayload<T>;
}
type AnyFact = { [T in ListingEventType]: ListingFact<T> }[ListingEventType];

export interface ListingChangeRecord {
  seq: number;
  fromList: PublicListName | null;
  toList: PublicListName | null;
  reasonCode: string;
  reason: string;
  eventId: string;
  eventType: ListingEventType;
  occurredAt: Date;
  regionCode: string | null;
}

export interface DerivedListing extends InstitutionProfile {
  list: PublicListName | null;
  reasonCode: string | null;
  reason: string | null;
  since: Date | null;
  history: ListingChangeRecord[];
}

/** The time a fact happened, read from its payload (the envelope's time when the payload has none). */
export function eventTimeOf(type: EventType, payload: Record<string, unknown>, occurredAt: string): Date {
  const field = {
    QualificationApproved: 'decidedAt',
    QualificationRejected: 'decidedAt',
    OnlineFilingApproved: 'approvedAt',
    OnlineFilingRejected: 'rejectedAt',
    RectificationOrderIssued: 'issuedAt',
    RectificationConfirmed: 'confirmedAt',
    RectificationOrderAmended: 'amendedAt',
    RectificationDeadlineMissed: 'detectedAt',
    InstitutionBlacklisted: 'blacklistedAt',
    PenaltyImposed: 'decidedAt',
    PenaltyEnded: 'endedAt',
    InstitutionRemovedFromBlacklist: 'removedAt',
    TypicalCasePublished: 'publishedAt',
  }[type as string];
  const value = field ? payload[field] : undefined;
  return new Date(typeof value === 'string' ? value : occurredAt);
}

/** Same-instant facts apply in this order (then by event id), so the fold is a function of the set. */
const RANK: Record<ListingEventType, number> = {
  InstitutionRegistered: 0,
  InstitutionClassified: 1,
  LicenceRecorded: 2,
  QualificationApproved: 3,
  OnlineFilingApproved: 4,
  QualificationRejected: 5,
  OnlineFilingRejected: 6,
  RectificationOrderIssued: 7,
  RectificationOrderAmended: 8,
  RectificationConfirmed: 9,
  RectificationDeadlineMissed: 10,
  InstitutionBlacklisted: 11,
  PenaltyImposed: 12,
  PenaltyEnded: 13,
  // Last: a removal takes away what was listed up to and including its instant.
  InstitutionRemovedFromBlacklist: 14,
};

export const compareFacts = (a: ListingFact, b: ListingFact) =>
  a.occurredAt.getTime() - b.occurredAt.getTime() ||
  RANK[a.type] - RANK[b.type] ||
  (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0);

/** The history line of a removal decision: its own code, with the reason the official gave. */
const removalPlacement = (fact: AnyFact, placement: Placement): Placement =>
  fact.type === 'InstitutionRemovedFromBlacklist'
    ? {
        ...placement,
        reasonCode: 'REMOVED_FROM_BLACKLIST',
        reason: `经决定移出黑名单：${fact.payload.reason}`,
      }
    : placement;

const profileOf = (state: ListingState): InstitutionProfile => ({
  creditCode: state.creditCode,
  name: state.name,
  kind: state.kind,
  category: state.category,
  regionCode: state.regionCode,
  certificateStatus: state.certificateStatus,
});

/**
 * Derives an institution's list, reason and history from every fact known about it: the facts are
 * folded in event-time order (listing-state.ts) and after each one the rules table of docs/design.md
 * §9.1 (listing-table.ts) places it. Pure: the same set of facts gives the same answer whatever order
 * they arrived in.
 *
 * History records every change of list (into and out of "not listed" too) and every change of reason
 * code; the first placement of a never-listed institution is not a change.
 */
export function deriveListing(facts: ListingFact[]): DerivedListing {
  const state = emptyListingState();
  let current: Placement | null = null;
  let since: Date | null = null;
  const history: ListingChangeRecord[] = [];

  for (const fact of [...facts].sort(compareFacts) as AnyFact[]) {
    applyFact(state, fact);
    const next = listFor(state);
    const from = current?.list ?? null;
    const changed = next.list !== from || (current !== null && next.reasonCode !== current.reasonCode);
    if (changed) {
      const line = removalPlacement(fact, next);
      history.push({
        seq: history.length + 1,
        fromList: from,
        toList: next.list,
        reasonCode: line.reasonCode,
        reason: line.reason,
        eventId: fact.eventId,
        eventType: fact.type,
        occurredAt: fact.occurredAt,
        regionCode: state.regionCode,
      });
    }
    if (next.list !== from || since === null) since = fact.occurredAt;
    current = next;
  }
  return {
    ...profileOf(state),
    list: current?.list ?? null,
    reasonCode: current?.reasonCode ?? null,
    reason: current?.reason ?? null,
    since,
    history,
  };
}
