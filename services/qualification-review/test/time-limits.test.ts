import { parseTimeLimit, timeLimitEnd as dueAtFor } from '@jianguan/platform';
import { TEST_JWKS } from '@jianguan/testing';
import { loadReviewConfig } from '../src/config';
import { chooseTrack } from '../src/domain/track';
import { refusal } from '../src/domain/status';
import { checklistOf, mergeMaterials } from '../src/domain/materials';

describe('review time limits', () => {
  it('skips the National Day holiday and counts the make-up Saturday', () => {
    // Submitted Tue 29 Sep 2026. Working days: 30 Sep; (1–7 Oct off) 8, 9, Sat 10 (调休), 12 Oct.
    const submitted = new Date('2026-09-29T10:00:00+08:00');
    const due = dueAtFor(submitted, parseTimeLimit('5wd'));
    expect(due.toISOString()).toBe(new Date('2026-10-13T00:00:00+08:00').toISOString());
    // Counting calendar days would have ended inside the holiday.
    expect(dueAtFor(submitted, parseTimeLimit('5d')).toISOString()).toBe('2026-10-04T02:00:00.000Z');
  });

  it('ends at 24:00 Shanghai time and does not count the day of submission', () => {
    const friday = new Date('2026-11-20T23:30:00+08:00');
    expect(dueAtFor(friday, parseTimeLimit('1wd')).toISOString()).toBe(
      new Date('2026-11-24T00:00:00+08:00').toISOString(),
    );
  });

  it('reads limits from configuration, in working days or plain durations', () => {
    const config = loadReviewConfig({
      JWT_JWKS: TEST_JWKS,
      SUBGRAPH_SECRET: 'y'.repeat(16),
      REVIEW_ACCELERATED_LIMIT: '4s',
    });
    expect(config.PORT).toBe(4002);
    expect(config.REVIEW_ACCELERATED_LIMIT).toEqual({ unit: 'ms', count: 4000 });
    expect(config.REVIEW_STANDARD_LIMIT).toEqual({ unit: 'workingDays', count: 20 });
    expect(config.REVIEW_PAUSE_CLOCK_ON_MATERIALS_REQUEST).toBe(true);
    expect(() =>
      loadReviewConfig({
        JWT_JWKS: TEST_JWKS,
        SUBGRAPH_SECRET: 'y'.repeat(16),
        REVIEW_STANDARD_LIMIT: '20 days',
      }),
    ).toThrow(/REVIEW_STANDARD_LIMIT/);
  });
});

describe('classified approval and the status machine', () => {
  it('accelerates only institutions lacking nothing but the permit', () => {
    const surveyed = { certificateStatus: 'INCOMPLETE', surveyFinding: 'INCOMPLETE_CERTIFICATES' };
    expect(chooseTrack({ ...surveyed, missingLicences: ['SCHOOL_PERMIT'] })).toBe('ACCELERATED');
    expect(chooseTrack({ ...surveyed, missingLicences: ['SCHOOL_PERMIT', 'FIRE_SAFETY_CLEARANCE'] })).toBe(
      'STANDARD',
    );
    expect(chooseTrack({ certificateStatus: null, missingLicences: null, surveyFinding: null })).toBe(
      'STANDARD',
    );
    expect(
      chooseTrack({ certificateStatus: 'NONE', missingLicences: [], surveyFinding: 'CLOSED_OR_NOT_FOUND' }),
    ).toBe('STANDARD');
  });

  it('allows SUBMITTED → UNDER_REVIEW ⇄ MATERIALS_REQUESTED → decided, and withdrawal while open', () => {
    expect(refusal('startReview', 'SUBMITTED')).toBeNull();
    expect(refusal('decide', 'SUBMITTED')).toMatch(/under review/);
    expect(refusal('decide', 'WITHDRAWN')).toMatch(/WITHDRAWN/);
    expect(refusal('resubmitMaterials', 'UNDER_REVIEW')).toMatch(/No materials were requested/);
    expect(refusal('requestMaterials', 'UNDER_REVIEW')).toBeNull();
    expect(refusal('withdraw', 'MATERIALS_REQUESTED')).toBeNull();
    expect(refusal('withdraw', 'APPROVED')).not.toBeNull();
  });

  it('keeps a typed checklist per application type; newer materials replace older ones', () => {
    const old = {
      type: 'FEE_STANDARDS' as const,
      documentRef: 'a',
      contentHash: '0'.repeat(64),
      submittedAt: 't1',
    };
    const newer = { ...old, documentRef: 'b', submittedAt: 't2' };
    const merged = mergeMaterials([old], [newer]);
    expect(merged).toEqual([newer]);
    expect(checklistOf('CHANGE_OF_SCOPE', merged)).toEqual([
      { type: 'CURRENT_PERMIT', provided: false },
      { type: 'TEACHER_QUALIFICATIONS', provided: false },
      { type: 'FEE_STANDARDS', provided: true },
      { type: 'SCOPE_CHANGE_PLAN', provided: false },
    ]);
  });
});
