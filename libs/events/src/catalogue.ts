import { z } from 'zod';
import { certificateStatus, instant, institutionId, problem, regionCode, text } from './event-fields';
import {
  BLACKLIST_REASONS,
  INSTITUTION_CATEGORIES,
  INSTITUTION_KINDS,
  PENALTY_TYPES,
  REVIEW_TRACKS,
  type ServiceName,
} from './vocabulary';

/**
 * The event catalogue (docs/design.md §4): every domain event one service tells the others about, with
 * its payload schema, the one service allowed to produce it, and the services that consume it.
 * The relay routes by this table and consumers validate by it, so it is the whole contract.
 * Add fields freely (consumers ignore what they do not read); removing or renaming one breaks a consumer.
 * The values the events speak in (services, kinds, penalty types) are in vocabulary.ts, the field
 * shapes shared by the events in event-fields.ts, and the envelope they travel in in envelope.ts.
 */

export interface EventDefinition {
  payload: z.ZodType;
  producer: ServiceName;
  subscribers: readonly ServiceName[];
}

// `satisfies` keeps each entry's exact schema type, so payloads are typed per event.
export const catalogue = {
  InstitutionRegistered: {
    producer: 'registry',
    subscribers: ['qualification-review', 'online-course-filing', 'enforcement', 'public-list'],
    payload: z.object({
      institutionId,
      creditCode: z.string().length(18),
      name: text,
      kind: z.enum(INSTITUTION_KINDS),
      category: z.enum(INSTITUTION_CATEGORIES),
      regionCode,
    }),
  },
  InstitutionClassified: {
    producer: 'registry',
    subscribers: ['qualification-review', 'enforcement', 'public-list'],
    payload: z.object({
      institutionId,
      regionCode,
      certificateStatus,
      missingLicences: z.array(text),
      surveyFinding: text,
      onNationalPlatform: z.boolean(),
    }),
  },
  LicenceRecorded: {
    producer: 'registry',
    subscribers: ['enforcement', 'public-list'],
    payload: z.object({
      institutionId,
      regionCode,
      licenceId: z.uuid(),
      licenceType: text,
      certificateStatus,
      missingLicences: z.array(text),
    }),
  },
  QualificationApproved: {
    producer: 'qualification-review',
    // registry records the permit as a licence, which completes the certificates.
    subscribers: ['registry', 'public-list'],
    payload: z.object({
      applicationId: z.uuid(),
      institutionId,
      regionCode,
      track: z.enum(REVIEW_TRACKS),
      permitId: z.uuid(),
      permitNumber: text,
      decidedAt: instant,
    }),
  },
  QualificationRejected: {
    producer: 'qualification-review',
    subscribers: ['enforcement', 'public-list'],
    payload: z.object({
      applicationId: z.uuid(),
      institutionId,
      regionCode,
      track: z.enum(REVIEW_TRACKS),
      reasons: z.array(text).min(1),
      decidedAt: instant,
    }),
  },
  OnlineFilingApproved: {
    producer: 'online-course-filing',
    subscribers: ['enforcement', 'public-list'],
    payload: z.object({
      filingId: z.uuid(),
      institutionId,
      regionCode,
      platformName: text,
      icpNumber: text,
      approvedAt: instant,
    }),
  },
  OnlineFilingRejected: {
    producer: 'online-course-filing',
    subscribers: ['enforcement', 'public-list'],
    payload: z.object({
      filingId: z.uuid(),
      institutionId,
      regionCode,
      reasons: z.array(text).min(1),
      rejectedAt: instant,
    }),
  },
  ScreeningProblemsFound: {
    producer: 'online-course-filing',
    // enforcement turns the problems into a rectification order with a deadline.
    subscribers: ['enforcement'],
    payload: z.object({
      filingId: z.uuid(),
      institutionId,
      regionCode,
      /** The versioned rule set the filing was screened against (the document that set it). */
      ruleSetVersion: text,
      problems: z.array(problem.extend({ source: z.enum(['RULE', 'OFFICER']) })).min(1),
      screenedAt: instant,
    }),
  },
  RectificationOrderIssued: {
    producer: 'enforcement',
    // registry shows the institution RECTIFYING; public-list puts it on the grey list.
    subscribers: ['registry', 'public-list'],
    payload: z.object({
      orderId: z.uuid(),
      institutionId,
      regionCode,
      problems: z.array(problem).min(1),
      deadline: instant,
      issuedAt: instant,
    }),
  },
  RectificationConfirmed: {
    producer: 'enforcement',
    subscribers: ['registry', 'public-list'],
    payload: z.object({
      orderId: z.uuid(),
      institutionId,
      regionCode,
      confirmedAt: instant,
      /** Confirmed after the deadline was missed: the institution stays black until it is removed. */
      late: z.boolean().default(false),
    }),
  },
  RectificationOrderAmended: {
    producer: 'enforcement',
    // public-list's grey reason names the problems and the deadline, so it follows both.
    subscribers: ['public-list'],
    payload: z.object({
      orderId: z.uuid(),
      institutionId,
      regionCode,
      change: z.enum(['PROBLEMS_ADDED', 'DEADLINE_EXTENDED', 'DEADLINE_RECOMPUTED']),
      problems: z.array(problem).min(1),
      deadline: instant,
      amendedAt: instant,
    }),
  },
  RectificationDeadlineMissed: {
    producer: 'enforcement',
    subscribers: ['public-list'],
    payload: z.object({
      orderId: z.uuid(),
      institutionId,
      regionCode,
      deadline: instant,
      detectedAt: instant,
    }),
  },
  InstitutionBlacklisted: {
    producer: 'enforcement',
    // registry changes the institution's status; public-list puts it on the black list.
    subscribers: ['registry', 'public-list'],
    payload: z.object({
      institutionId,
      regionCode,
      reason: z.enum(BLACKLIST_REASONS),
      /** The order whose deadline was missed, when that is the reason. */
      orderId: z.uuid().nullable(),
      trainingStopOrdered: z.boolean(),
      blacklistedAt: instant,
    }),
  },
  PenaltyImposed: {
    producer: 'enforcement',
    // registry follows the measure's status (PENALTY_EFFECTS); public-list its list and public reason.
    subscribers: ['registry', 'public-list'],
    payload: z.object({
      penaltyId: z.uuid(),
      institutionId,
      regionCode,
      penaltyType: z.enum(PENALTY_TYPES),
      /** Fines and confiscations, in integer fen; null for the other types. */
      amountFen: z.number().int().nonnegative().nullable(),
      description: text,
      decidedAt: instant,
      /** When a time-limited measure (suspension, stop enrolling, a ban for a term) ends by itself. */
      endsAt: instant.nullable().default(null),
    }),
  },
  PenaltyEnded: {
    producer: 'enforcement',
    subscribers: ['registry', 'public-list'],
    payload: z.object({
      penaltyId: z.uuid(),
      institutionId,
      regionCode,
      penaltyType: z.enum(PENALTY_TYPES),
      endedAt: instant,
    }),
  },
  InstitutionRemovedFromBlacklist: {
    producer: 'enforcement',
    // A decision: registry lifts the ban it imposed; public-list takes it off the black list.
    subscribers: ['registry', 'public-list'],
    payload: z.object({
      institutionId,
      regionCode,
      reason: text,
      /** The jurisdiction of the official who decided (the black-listing level or above). */
      decidedRegionCode: regionCode,
      removedAt: instant,
    }),
  },
  TypicalCasePublished: {
    producer: 'enforcement',
    subscribers: ['public-list'],
    payload: z.object({
      caseId: z.uuid(),
      /** A case may be about a kind of conduct rather than one institution. */
      institutionId: institutionId.nullable(),
      regionCode,
      title: text,
      summary: text,
      publishedAt: instant,
    }),
  },
  HolidayScheduleLoaded: {
    producer: 'registry',
    // Both count statutory time limits in working days and keep a copy of the schedule.
    subscribers: ['qualification-review', 'enforcement'],
    payload: z.object({
      year: z.number().int(),
      holidays: z.array(z.iso.date()),
      workdays: z.array(z.iso.date()),
      /** The State Council notice the schedule comes from (标题或文号). */
      notice: text,
      loadedAt: instant,
    }),
  },
} as const satisfies Record<string, EventDefinition>;

export type EventType = keyof typeof catalogue;
export type EventPayload<T extends EventType> = z.infer<(typeof catalogue)[T]['payload']>;
/** What a producer writes: fields with a default (added later to an event) may be left out. */
export type EventPayloadInput<T extends EventType> = z.input<(typeof catalogue)[T]['payload']>;

export const EVENT_TYPES = Object.keys(catalogue) as EventType[];

export const isEventType = (value: string): value is EventType => Object.hasOwn(catalogue, value);

export const definitionOf = (type: EventType): EventDefinition => catalogue[type];

export const subscribersOf = (type: EventType): readonly ServiceName[] => catalogue[type].subscribers;

export const eventsConsumedBy = (service: ServiceName): EventType[] =>
  EVENT_TYPES.filter((type) => subscribersOf(type).includes(service));

export const eventsProducedBy = (service: ServiceName): EventType[] =>
  EVENT_TYPES.filter((type) => catalogue[type].producer === service);
