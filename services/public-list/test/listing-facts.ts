import { randomUUID } from 'node:crypto';
import type { EventEnvelope, EventPayloadInput } from '@jianguan/events';
import { QINGHAI, validCreditCode } from '@jianguan/testing';
import {
  deriveListing,
  eventTimeOf,
  type ListingEventType,
  type ListingFact,
} from '../src/domain/listing-rules';
import { at, envelope } from '@jianguan/testing';

/** Facts about one institution for the rules-table test, each a minute after the last. */
const institutionId = randomUUID();
const regionCode = QINGHAI.chengdong;
const ids = { institutionId, regionCode };
let minute = 0;
type TimeField =
  | 'issuedAt'
  | 'amendedAt'
  | 'confirmedAt'
  | 'detectedAt'
  | 'blacklistedAt'
  | 'decidedAt'
  | 'endedAt'
  | 'removedAt'
  | 'approvedAt';
/** The payload's own time field, which is the fact's event time (eventTimeOf). */
const TIME_FIELDS: Record<string, string> = {
  RectificationOrderIssued: 'issuedAt',
  RectificationOrderAmended: 'amendedAt',
  RectificationConfirmed: 'confirmedAt',
  RectificationDeadlineMissed: 'detectedAt',
  InstitutionBlacklisted: 'blacklistedAt',
  PenaltyImposed: 'decidedAt',
  PenaltyEnded: 'endedAt',
  InstitutionRemovedFromBlacklist: 'removedAt',
  QualificationApproved: 'decidedAt',
  OnlineFilingApproved: 'approvedAt',
};

/** An event about the institution, each one a minute after the last: the story reads in array order. */
export function fact<T extends ListingEventType>(
  type: T,
  payload: Omit<EventPayloadInput<T>, 'institutionId' | 'regionCode' | TimeField>,
) {
  minute += 1;
  const time = new Date(Date.parse(at('2026-09-01')) + minute * 60_000).toISOString();
  const timeField = TIME_FIELDS[type as string];
  const full = { ...ids, ...payload, ...(timeField ? { [timeField]: time } : {}) } as EventPayloadInput<T>;
  return envelope(type, full, time);
}

export const listingOf = (events: EventEnvelope[]) =>
  deriveListing(
    events.map((e): ListingFact => ({
      eventId: e.id,
      type: e.type as ListingEventType,
      occurredAt: eventTimeOf(e.type, e.payload as Record<string, unknown>, e.occurredAt),
      payload: e.payload as never,
    })),
  );
export const placement = (events: EventEnvelope[]) => {
  const { list, reasonCode, reason } = listingOf(events);
  return { list, reasonCode, reason };
};

export const registered = (kind: 'OFFLINE' | 'ONLINE' = 'OFFLINE') =>
  fact('InstitutionRegistered', {
    creditCode: validCreditCode(),
    name: '城东区博学培训学校',
    kind,
    category: 'SUBJECT',
  });
export const classified = (
  certificateStatus: 'COMPLETE' | 'INCOMPLETE' | 'NONE',
  surveyFinding = 'OPERATING',
) =>
  fact('InstitutionClassified', {
    certificateStatus,
    missingLicences: [],
    surveyFinding,
    onNationalPlatform: true,
  });
export const problem = (code: string) => ({ code, description: '问题', field: null });
export const ordered = (orderId: string, deadline: string, problems = 2) =>
  fact('RectificationOrderIssued', {
    orderId,
    deadline,
    problems: Array.from({ length: problems }, (_, i) => problem(`P${i}`)),
  });
export const missed = (orderId: string, deadline: string) =>
  fact('RectificationDeadlineMissed', { orderId, deadline });
export const confirmed = (orderId: string, late = false) => fact('RectificationConfirmed', { orderId, late });
export const blacklisted = (
  reason: 'UNLICENSED' | 'SECTOR_BAN' | 'OTHER' | 'RECTIFICATION_DEADLINE_MISSED',
  orderId: string | null = null,
) =>
  fact('InstitutionBlacklisted', {
    reason,
    orderId,
    trainingStopOrdered: false,
  });
export const penalty = (
  penaltyId: string,
  penaltyType: 'SUSPEND_PLATFORM' | 'STOP_ENROLLING' | 'LICENCE_REVOCATION' | 'SECTOR_BAN' | 'FINE',
  endsAt: string | null = null,
) => fact('PenaltyImposed', { penaltyId, penaltyType, amountFen: null, description: '违规', endsAt });
export const penaltyEnded = (
  penaltyId: string,
  penaltyType: 'SUSPEND_PLATFORM' | 'STOP_ENROLLING' | 'SECTOR_BAN',
) => fact('PenaltyEnded', { penaltyId, penaltyType });
export const removed = () =>
  fact('InstitutionRemovedFromBlacklist', {
    reason: '整改到位',
    decidedRegionCode: regionCode,
  });
export const approved = () =>
  fact('QualificationApproved', {
    applicationId: randomUUID(),
    track: 'STANDARD',
    permitId: randomUUID(),
    permitNumber: '教民163010270000123号',
  });
export const filed = () =>
  fact('OnlineFilingApproved', {
    filingId: randomUUID(),
    platformName: '博学在线',
    icpNumber: '青ICP备1号',
  });
