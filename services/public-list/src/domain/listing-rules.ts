import type { EventPayload, EventType } from '@jianguan/events';
import { shanghaiDay } from '@jianguan/platform';

export const PUBLIC_LISTS = ['WHITE', 'GREY', 'BLACK'] as const;
export type PublicListName = (typeof PUBLIC_LISTS)[number];

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
  'RectificationDeadlineMissed',
  'InstitutionBlacklisted',
  'PenaltyImposed',
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

export interface DerivedListing {
  creditCode: string | null;
  name: string | null;
  kind: string | null;
  category: string | null;
  regionCode: string | null;
  certificateStatus: string | null;
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
    RectificationDeadlineMissed: 'detectedAt',
    InstitutionBlacklisted: 'blacklistedAt',
    PenaltyImposed: 'decidedAt',
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
  RectificationConfirmed: 8,
  RectificationDeadlineMissed: 9,
  InstitutionBlacklisted: 10,
  PenaltyImposed: 11,
};

export const compareFacts = (a: ListingFact, b: ListingFact) =>
  a.occurredAt.getTime() - b.occurredAt.getTime() ||
  RANK[a.type] - RANK[b.type] ||
  (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0);

/** Penalties that put an institution on the black list for good (revocation, ban, shutdown / red card). */
export const BLACKLISTING_PENALTIES: Record<string, string> = {
  LICENCE_REVOCATION: '吊销办学许可证',
  SECTOR_BAN: '责令停止举办、禁止从事培训活动',
  SUSPEND_PLATFORM: '线上巡查红牌，关停培训平台',
};

const BLACKLIST_REASON_TEXT: Record<string, string> = {
  RECTIFICATION_DEADLINE_MISSED: '逾期未完成整改，列入黑名单',
  UNLICENSED: '无证无照办学，列入黑名单',
  SECTOR_BAN: '被禁止从事校外培训，列入黑名单',
  OTHER: '因严重违规列入黑名单',
};

interface Blacklisting {
  code: string;
  text: string;
  /** How it can end: by confirming the order, by obtaining the permit, or never. */
  liftedBy: { order: string } | 'PERMIT' | 'NEVER';
}

const day = (iso: string) => shanghaiDay(new Date(iso));

/**
 * Derives an institution's list, reason and history from every fact known about it, folded in
 * event-time order. Pure: the same set of facts gives the same answer whatever order they arrived in.
 *
 * Rules: an approved online filing, or an approved qualification with certificates not known to be
 * incomplete, puts it on the WHITE list; an open rectification order on the GREY list; a missed deadline,
 * a black-listing or a revocation / ban / platform shutdown on the BLACK list. Confirming the order whose
 * missed deadline black-listed it moves it to GREY for observation, until a later approval makes it WHITE.
 */
export function deriveListing(facts: ListingFact[]): DerivedListing {
  const sorted = [...facts].sort(compareFacts) as AnyFact[];
  const profile = {
    creditCode: null as string | null,
    name: null as string | null,
    kind: null as string | null,
    category: null as string | null,
    regionCode: null as string | null,
    certificateStatus: null as string | null,
  };
  let qualificationApproved = false;
  let filingApproved = false;
  let probation = false;
  const openOrders = new Map<string, string>();
  const confirmedOrders = new Set<string>();
  const blacklistings = new Map<string, Blacklisting>();

  let list: PublicListName | null = null;
  let reasonCode: string | null = null;
  let reason: string | null = null;
  let since: Date | null = null;
  const history: ListingChangeRecord[] = [];

  const whiteEligible = () =>
    filingApproved ||
    (qualificationApproved &&
      profile.certificateStatus !== 'INCOMPLETE' &&
      profile.certificateStatus !== 'NONE');

  for (const fact of sorted) {
    let explain: { code: string; text: string } | undefined;
    switch (fact.type) {
      case 'InstitutionRegistered': {
        const p = fact.payload;
        Object.assign(profile, {
          creditCode: p.creditCode,
          name: p.name,
          kind: p.kind,
          category: p.category,
        });
        break;
      }
      case 'InstitutionClassified':
      case 'LicenceRecorded':
        profile.certificateStatus = fact.payload.certificateStatus;
        if (fact.payload.certificateStatus === 'COMPLETE') {
          explain = { code: 'CERTIFICATES_COMPLETE', text: '资质审核通过，证照齐全' };
        }
        break;
      case 'QualificationApproved':
        qualificationApproved = true;
        probation = false;
        for (const [key, b] of blacklistings) if (b.liftedBy === 'PERMIT') blacklistings.delete(key);
        explain = {
          code: 'QUALIFICATION_APPROVED',
          text: `资质审核通过，取得办学许可证（${fact.payload.permitNumber}）`,
        };
        break;
      case 'QualificationRejected':
        qualificationApproved = false;
        explain = { code: 'QUALIFICATION_REJECTED', text: '资质审核未通过' };
        break;
      case 'OnlineFilingApproved':
        filingApproved = true;
        probation = false;
        explain = {
          code: 'ONLINE_FILING_APPROVED',
          text: `线上培训备案通过（${fact.payload.platformName}）`,
        };
        break;
      case 'OnlineFilingRejected':
        filingApproved = false;
        explain = { code: 'ONLINE_FILING_REJECTED', text: '线上培训备案未通过' };
        break;
      case 'RectificationOrderIssued':
        if (!confirmedOrders.has(fact.payload.orderId)) {
          openOrders.set(fact.payload.orderId, fact.payload.deadline);
        }
        explain = {
          code: 'RECTIFICATION_ORDERED',
          text: `责令限期整改（${fact.payload.problems.length} 项问题），整改期限至 ${day(fact.payload.deadline)}`,
        };
        break;
      case 'RectificationConfirmed': {
        const { orderId } = fact.payload;
        confirmedOrders.add(orderId);
        openOrders.delete(orderId);
        const key = `order:${orderId}`;
        if (blacklistings.delete(key)) {
          probation = true;
          explain = {
            code: 'RECTIFICATION_CONFIRMED_AFTER_BLACKLIST',
            text: '逾期后整改到位，移出黑名单，列入灰名单观察',
          };
        } else {
          explain = { code: 'RECTIFICATION_CONFIRMED', text: '整改到位' };
        }
        break;
      }
      case 'RectificationDeadlineMissed': {
        const { orderId } = fact.payload;
        if (confirmedOrders.has(orderId)) break; // confirmed in time (by event time): nothing missed
        openOrders.delete(orderId);
        if (!blacklistings.has(`order:${orderId}`)) {
          blacklistings.set(`order:${orderId}`, {
            code: 'RECTIFICATION_DEADLINE_MISSED',
            text: `逾期未完成整改（期限 ${day(fact.payload.deadline)}），列入黑名单`,
            liftedBy: { order: orderId },
          });
        }
        break;
      }
      case 'InstitutionBlacklisted': {
        const { orderId, reason: why } = fact.payload;
        const key = orderId ? `order:${orderId}` : `reason:${why}`;
        if (orderId && confirmedOrders.has(orderId)) break;
        if (orderId) openOrders.delete(orderId);
        if (!blacklistings.has(key)) {
          blacklistings.set(key, {
            code: why === 'RECTIFICATION_DEADLINE_MISSED' ? why : `BLACKLISTED_${why}`,
            text: BLACKLIST_REASON_TEXT[why] ?? BLACKLIST_REASON_TEXT.OTHER,
            liftedBy: orderId ? { order: orderId } : why === 'UNLICENSED' ? 'PERMIT' : 'NEVER',
          });
        }
        break;
      }
      case 'PenaltyImposed': {
        const text = BLACKLISTING_PENALTIES[fact.payload.penaltyType];
        if (text) {
          blacklistings.set(`penalty:${fact.payload.penaltyId}`, {
            code: `PENALTY_${fact.payload.penaltyType}`,
            text: `${text}，列入黑名单`,
            liftedBy: 'NEVER',
          });
        }
        break;
      }
    }
    if ('regionCode' in fact.payload) profile.regionCode = fact.payload.regionCode;

    // The list after this fact.
    let next: PublicListName | null;
    let nextReason: { code: string; text: string };
    const lastBlack = [...blacklistings.values()].at(-1);
    if (lastBlack) {
      next = 'BLACK';
      nextReason = { code: lastBlack.code, text: lastBlack.text };
    } else if (openOrders.size > 0) {
      next = 'GREY';
      nextReason =
        explain?.code === 'RECTIFICATION_ORDERED'
          ? explain
          : list === 'GREY'
            ? { code: reasonCode!, text: reason! }
            : (explain ?? { code: 'RECTIFICATION_ORDERED', text: '限期整改中' });
    } else if (probation) {
      next = 'GREY';
      nextReason = explain ?? { code: 'RECTIFICATION_CONFIRMED_AFTER_BLACKLIST', text: '整改观察期' };
    } else if (whiteEligible()) {
      next = 'WHITE';
      nextReason = explain ?? { code: 'APPROVED', text: '资质审核或备案通过' };
    } else {
      next = null;
      nextReason = explain ?? { code: 'DELISTED', text: '不再列入名单' };
    }
    if (next !== list || (next === 'BLACK' && nextReason.code !== reasonCode)) {
      history.push({
        seq: history.length + 1,
        fromList: list,
        toList: next,
        reasonCode: nextReason.code,
        reason: nextReason.text,
        eventId: fact.eventId,
        eventType: fact.type,
        occurredAt: fact.occurredAt,
        regionCode: profile.regionCode,
      });
      if (next !== list) since = fact.occurredAt;
      list = next;
      reasonCode = nextReason.code;
      reason = nextReason.text;
    }
  }
  return { ...profile, list, reasonCode, reason, since, history };
}
