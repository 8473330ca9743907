import { PENALTY_EFFECTS } from '@jianguan/events';
import { deadlineDay } from '@jianguan/platform';
import type { ListingState, PenaltyState } from './listing-state';

export const PUBLIC_LISTS = ['WHITE', 'GREY', 'BLACK'] as const;
export type PublicListName = (typeof PUBLIC_LISTS)[number];

/** Where an institution stands: a list (null: not listed) and why, as code and as public words. */
export interface Placement {
  list: PublicListName | null;
  reasonCode: string;
  reason: string;
}

/** One row of docs/design.md §9.1: its placement when it holds, else undefined. */
type Row = (state: ListingState) => Placement | undefined;

const BLACKLIST_REASON_TEXT: Record<string, string> = {
  UNLICENSED: '无证无照办学，列入黑名单',
  SECTOR_BAN: '被禁止从事校外培训，列入黑名单',
  OTHER: '因严重违规列入黑名单',
};

const day = (iso: string) => deadlineDay(new Date(iso));

/** Row 1: a missed deadline, until a removal decision (a late confirmation does not remove it). */
const missedDeadline: Row = (state) => {
  const missed = [...state.blacklistings.values()].find((b) => b.reason === 'RECTIFICATION_DEADLINE_MISSED');
  if (!missed) return undefined;
  const deadline = missed.orderId ? state.orders.get(missed.orderId)?.deadline : undefined;
  return {
    list: 'BLACK',
    reasonCode: 'RECTIFICATION_DEADLINE_MISSED',
    reason: deadline ? `逾期未完成整改（期限 ${day(deadline)}），列入黑名单` : '逾期未完成整改，列入黑名单',
  };
};

/** Row 2: black-listed for another reason (UNLICENSED ends with an approved permit: listing-state.ts). */
const blacklistedOtherwise: Row = (state) => {
  const other = [...state.blacklistings.values()].find((b) => b.reason !== 'RECTIFICATION_DEADLINE_MISSED');
  if (!other) return undefined;
  return {
    list: 'BLACK',
    reasonCode: `BLACKLISTED_${other.reason}`,
    reason: BLACKLIST_REASON_TEXT[other.reason] ?? BLACKLIST_REASON_TEXT.OTHER,
  };
};

/** The measure as the public reads it, with its end day when it has a term ("…至 2027-01-31"). */
const measureText = (penalty: PenaltyState) =>
  PENALTY_EFFECTS[penalty.type].publicReason + (penalty.endsAt ? `至 ${day(penalty.endsAt)}` : '');

/** The first penalty (in event time) still on the state whose effect puts it on `list`. */
const penaltyListing = (state: ListingState, list: 'BLACK' | 'GREY') =>
  [...state.penalties.values()].find((p) => PENALTY_EFFECTS[p.type].list === list);

/** Row 3: a BLACK measure in force (a pause until its end; a ban until a removal decision). */
const blackPenalty: Row = (state) => {
  const penalty = penaltyListing(state, 'BLACK');
  if (!penalty) return undefined;
  return {
    list: 'BLACK',
    reasonCode: `PENALTY_${penalty.type}`,
    reason: `${measureText(penalty)}，列入黑名单`,
  };
};

/** Row 4: the latest survey found it closed or gone. */
const closedBySurvey: Row = (state) =>
  state.closed
    ? { list: null, reasonCode: 'CLOSED', reason: '经网格排查已停止办学或查无此机构，不列入名单' }
    : undefined;

/** Row 5: an open order; the reason names the earliest deadline among open orders (after extensions). */
const openOrder: Row = (state) => {
  const open = [...state.orders.values()].filter((o) => o.status === 'OPEN');
  if (open.length === 0) return undefined;
  const earliest = open.reduce((a, b) => (Date.parse(b.deadline) < Date.parse(a.deadline) ? b : a));
  return {
    list: 'GREY',
    reasonCode: 'RECTIFICATION_ORDERED',
    reason: `责令限期整改（${earliest.problemCount} 项问题），整改期限至 ${day(earliest.deadline)}`,
  };
};

/** Row 6: a GREY measure (stop enrolling) in force. */
const greyPenalty: Row = (state) => {
  const penalty = penaltyListing(state, 'GREY');
  if (!penalty || penalty.ended) return undefined;
  return { list: 'GREY', reasonCode: `PENALTY_${penalty.type}`, reason: measureText(penalty) };
};

/** Row 7: certificates incomplete or none. */
const certificatesIncomplete: Row = (state) =>
  state.certificateStatus === 'INCOMPLETE' || state.certificateStatus === 'NONE'
    ? { list: 'GREY', reasonCode: 'CERTIFICATES_INCOMPLETE', reason: '证照不全，待整改' }
    : undefined;

/** Row 8: online training without an approved filing is not listed, whatever its certificates. */
const onlineFilingPending: Row = (state) =>
  state.kind === 'ONLINE' && !state.filedPlatform
    ? { list: null, reasonCode: 'ONLINE_FILING_PENDING', reason: '线上培训尚未通过备案，暂未列入名单' }
    : undefined;

/** Row 9: certificates complete, or not yet assessed but vouched for by an approved permit or filing. */
const qualified: Row = (state) => {
  if (state.certificateStatus === 'COMPLETE') {
    return { list: 'WHITE', reasonCode: 'CERTIFICATES_COMPLETE', reason: '证照齐全' };
  }
  if (state.certificateStatus !== null) return undefined;
  if (state.permitNumber) {
    const reason = `资质审核通过，取得办学许可证（${state.permitNumber}）`;
    return { list: 'WHITE', reasonCode: 'QUALIFICATION_APPROVED', reason };
  }
  if (state.filedPlatform) {
    const reason = `线上培训备案通过（${state.filedPlatform}）`;
    return { list: 'WHITE', reasonCode: 'ONLINE_FILING_APPROVED', reason };
  }
  return undefined;
};

/** Row 10: registered, certificates not yet assessed. */
const pendingVerification: Row = () => ({
  list: null,
  reasonCode: 'PENDING_VERIFICATION',
  reason: '已登记，证照尚在核验，暂未列入名单',
});

/** docs/design.md §9.1, in order: the first row that holds decides. */
export const LISTING_TABLE: readonly Row[] = [
  missedDeadline,
  blacklistedOtherwise,
  blackPenalty,
  closedBySurvey,
  openOrder,
  greyPenalty,
  certificatesIncomplete,
  onlineFilingPending,
  qualified,
  pendingVerification,
];

/** The list and reason the table gives for a state. */
export function listFor(state: ListingState): Placement {
  for (const row of LISTING_TABLE) {
    const placement = row(state);
    if (placement) return placement;
  }
  throw new Error('unreachable: the last row always holds');
}
