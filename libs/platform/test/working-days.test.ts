import { isWorkingDay, shanghaiDay, workingDaysDeadline } from '../src';

describe('working days on the Chinese holiday calendar', () => {
  it('reads the calendar day in Shanghai, not in UTC', () => {
    expect(shanghaiDay(new Date('2026-09-30T17:30:00Z'))).toBe('2026-10-01');
  });

  it('skips the National Day holiday and counts make-up working days', () => {
    expect(isWorkingDay('2026-10-01')).toBe(false);
    expect(isWorkingDay('2026-10-05')).toBe(false); // a Monday inside the holiday
    // Submitted on Wednesday 30 September 2026: the 1st working day after is 8 October.
    expect(workingDaysDeadline(new Date('2026-09-30T10:00:00+08:00'), 1).toISOString()).toBe(
      '2026-10-08T16:00:00.000Z',
    );
  });

  it('counts a Saturday that is a make-up working day (10 October 2026)', () => {
    expect(isWorkingDay('2026-10-10')).toBe(true);
    // Friday 9 October 2026 → the 1st working day after is Saturday the 10th.
    expect(workingDaysDeadline(new Date('2026-10-09T09:00:00+08:00'), 1).toISOString()).toBe(
      '2026-10-10T16:00:00.000Z',
    );
  });

  it('skips an ordinary weekend', () => {
    // Monday 16 November 2026 10:00 → Monday 23 November 24:00 (weekend skipped).
    expect(workingDaysDeadline(new Date('2026-11-16T10:00:00+08:00'), 5).toISOString()).toBe(
      '2026-11-23T16:00:00.000Z',
    );
  });
});
