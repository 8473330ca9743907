import { randomUUID } from 'node:crypto';
import type { EventEnvelope, EventPayloadInput, EventType, ServiceName } from '@jianguan/events';
import { catalogue, parsePayload } from '@jianguan/events';

/** An envelope as the producing department's relay would put it on the public-list queue. */
export function envelope<T extends EventType>(
  type: T,
  payload: EventPayloadInput<T>,
  occurredAt = new Date().toISOString(),
  id = randomUUID(),
): EventEnvelope<T> {
  const parsed = parsePayload(type, payload); // defaults filled in, as the producer's outbox does
  return { id, type, producer: catalogue[type].producer as ServiceName, occurredAt, payload: parsed };
}

export const at = (day: string, time = '09:00') => new Date(`${day}T${time}:00+08:00`).toISOString();

export interface InstitutionFacts {
  institutionId: string;
  creditCode: string;
  name: string;
  regionCode: string;
}

/** The registry's first word on an institution of this kind: every story opens with it. */
function registered(
  i: InstitutionFacts,
  kind: EventPayloadInput<'InstitutionRegistered'>['kind'],
  occurredAt: string,
): EventEnvelope<'InstitutionRegistered'> {
  return envelope(
    'InstitutionRegistered',
    {
      institutionId: i.institutionId,
      creditCode: i.creditCode,
      name: i.name,
      kind,
      category: 'SUBJECT',
      regionCode: i.regionCode,
    },
    occurredAt,
  );
}

/**
 * The story of one offline institution told by events alone: classified with incomplete certificates
 * (GREY) → qualification approved and the permit recorded (WHITE) → rectification ordered (GREY) →
 * deadline missed and black-listed (BLACK) → rectification confirmed late (still BLACK: only a removal
 * decision, `removedFromBlacklist`, takes it off).
 */
// Long on purpose (~100 lines): the story's events in the order they happen, one envelope each; cut
// into pieces it would no longer read as the story.
// eslint-disable-next-line max-lines-per-function -- the reason is the comment above
export function missedThenFixedLate(i: InstitutionFacts): EventEnvelope[] {
  const orderId = randomUUID();
  const region = i.regionCode;
  return [
    registered(i, 'OFFLINE', at('2026-03-01')),
    envelope(
      'InstitutionClassified',
      {
        institutionId: i.institutionId,
        regionCode: region,
        certificateStatus: 'INCOMPLETE',
        missingLicences: ['SCHOOL_PERMIT'],
        surveyFinding: 'OPERATING',
        onNationalPlatform: true,
      },
      at('2026-03-02'),
    ),
    envelope(
      'QualificationApproved',
      {
        applicationId: randomUUID(),
        institutionId: i.institutionId,
        regionCode: region,
        track: 'ACCELERATED',
        permitId: randomUUID(),
        permitNumber: '教民163010270000123号',
        decidedAt: at('2026-04-01'),
      },
      at('2026-04-01'),
    ),
    envelope(
      'LicenceRecorded',
      {
        institutionId: i.institutionId,
        regionCode: region,
        licenceId: randomUUID(),
        licenceType: 'SCHOOL_PERMIT',
        certificateStatus: 'COMPLETE',
        missingLicences: [],
      },
      at('2026-04-01', '09:05'),
    ),
    envelope(
      'RectificationOrderIssued',
      {
        orderId,
        institutionId: i.institutionId,
        regionCode: region,
        problems: [{ code: 'LESSON_TOO_LONG', description: '单节课时超过 30 分钟', field: null }],
        deadline: at('2026-06-30', '23:59'),
        issuedAt: at('2026-06-01'),
      },
      at('2026-06-01'),
    ),
    envelope(
      'RectificationDeadlineMissed',
      {
        orderId,
        institutionId: i.institutionId,
        regionCode: region,
        deadline: at('2026-06-30', '23:59'),
        detectedAt: at('2026-07-01', '00:05'),
      },
      at('2026-07-01', '00:05'),
    ),
    envelope(
      'InstitutionBlacklisted',
      {
        institutionId: i.institutionId,
        regionCode: region,
        reason: 'RECTIFICATION_DEADLINE_MISSED',
        orderId,
        trainingStopOrdered: true,
        blacklistedAt: at('2026-07-01', '00:06'),
      },
      at('2026-07-01', '00:06'),
    ),
    envelope(
      'RectificationConfirmed',
      {
        orderId,
        institutionId: i.institutionId,
        regionCode: region,
        confirmedAt: at('2026-07-20'),
        late: true,
      },
      at('2026-07-20'),
    ),
  ];
}

/** The decision that takes an institution off the black list (enforcement's removeFromBlacklist). */
export function removedFromBlacklist(i: InstitutionFacts, removedAt = at('2026-08-10')): EventEnvelope {
  return envelope(
    'InstitutionRemovedFromBlacklist',
    {
      institutionId: i.institutionId,
      regionCode: i.regionCode,
      reason: '整改到位，经复查符合办学条件',
      decidedRegionCode: i.regionCode,
      removedAt,
    },
    removedAt,
  );
}

/** An online institution whose filing is approved (WHITE), then whose licence is revoked (BLACK). */
export function filedThenRevoked(i: InstitutionFacts): EventEnvelope[] {
  return [
    registered(i, 'ONLINE', at('2026-02-01')),
    envelope(
      'OnlineFilingApproved',
      {
        filingId: randomUUID(),
        institutionId: i.institutionId,
        regionCode: i.regionCode,
        platformName: '学而思在线',
        icpNumber: '青ICP备12345678号',
        approvedAt: at('2026-02-10'),
      },
      at('2026-02-10'),
    ),
    envelope(
      'PenaltyImposed',
      {
        penaltyId: randomUUID(),
        institutionId: i.institutionId,
        regionCode: i.regionCode,
        penaltyType: 'LICENCE_REVOCATION',
        amountFen: null,
        description: '超范围培训，情节严重',
        decidedAt: at('2026-05-05'),
      },
      at('2026-05-05'),
    ),
  ];
}

/** A random permutation (Fisher–Yates) from a seeded generator, so a failure can be replayed. */
export function shuffled<T>(items: T[], seed: number): T[] {
  let s = seed >>> 0 || 1;
  const next = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
