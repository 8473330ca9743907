import { calendarWithFixture2027, holidayScheduleFixture2027 } from '@jianguan/testing';
import { holidayScheduleInput, shippedCalendar, statutoryHolidays } from '../src';

/** The 2027 fixture (not the official schedule, which the department loads when it is published). */
const fixture2027 = holidayScheduleFixture2027();

const withoutFixture = () => shippedCalendar();
const withFixture = calendarWithFixture2027;

describe('the working calendar kept as data', () => {
  it('computes the statutory holidays of a year no schedule covers from the lunar calendar', () => {
    const days = statutoryHolidays(2027);
    // 除夕 to 正月初三 of the Year of the Goat (Spring Festival 6 February 2027), 端午 and 中秋.
    expect(days).toEqual(expect.arrayContaining(['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08']));
    expect(days).toEqual(expect.arrayContaining(['2027-01-01', '2027-06-09', '2027-09-15', '2027-10-03']));
    expect(days).toHaveLength(13);
  });

  it('never counts New Year’s Day or the Spring Festival of an unloaded year as working days', () => {
    const calendar = withoutFixture();
    expect(calendar.hasOfficialSchedule(2027)).toBe(false);
    expect(calendar.isWorkingDay('2027-01-01')).toBe(false); // a Friday
    expect(calendar.isWorkingDay('2027-02-08')).toBe(false); // a Monday, 正月初三
    // What the notice alone decides is unknown: a bridging Tuesday counts until it is loaded.
    expect(calendar.isWorkingDay('2027-02-09')).toBe(true);
  });

  it('follows a loaded year: a bridging holiday and a make-up Saturday', () => {
    const calendar = withFixture();
    expect(calendar.isWorkingDay('2027-02-09')).toBe(false);
    expect(calendar.isWorkingDay('2027-02-20')).toBe(true); // Saturday worked in exchange
    expect(calendar.isWorkingDay('2027-02-27')).toBe(false); // an ordinary Saturday
  });

  it('marks a deadline that runs into an unloaded year provisional, and firm once the year is loaded', () => {
    const from = new Date('2026-12-28T10:00:00+08:00');
    const provisional = withoutFixture().deadline(from, 20);
    const firm = withFixture().deadline(from, 20);
    expect(provisional.provisional).toBe(true);
    expect(firm.provisional).toBe(false);
    // Without 2027: 1–3 Jan hold only New Year's Day (Friday) off; with the notice, 2–3 Jan are a
    // weekend anyway, so both end on the same day in January.
    expect(provisional.at.toISOString()).toBe('2027-01-26T16:00:00.000Z');
    expect(firm.at.toISOString()).toBe(provisional.at.toISOString());
    // Across the Spring Festival the bridging days (9–12 Feb) move it later, less the Saturday worked.
    const beforeFestival = new Date('2027-01-29T10:00:00+08:00');
    expect(withoutFixture().deadline(beforeFestival, 10)).toEqual({
      at: new Date('2027-02-16T16:00:00.000Z'),
      provisional: true,
    });
    expect(withFixture().deadline(beforeFestival, 10)).toEqual({
      at: new Date('2027-02-20T16:00:00.000Z'),
      provisional: false,
    });
  });

  it('a deadline within loaded years is not provisional', () => {
    expect(withoutFixture().deadline(new Date('2026-09-30T10:00:00+08:00'), 1)).toEqual({
      at: new Date('2026-10-08T16:00:00.000Z'),
      provisional: false,
    });
  });

  it('refuses a schedule that leaves out a statutory holiday or puts a make-up day on a weekday', () => {
    const result = holidayScheduleInput.safeParse({
      ...fixture2027,
      holidays: fixture2027.holidays.filter((d) => d !== '2027-09-15'),
      workdays: [...fixture2027.workdays, '2027-02-22'],
    });
    expect(result.success).toBe(false);
    const messages = result.error!.issues.map((i) => i.message);
    expect(messages).toContain('缺少法定节假日：2027-09-15');
    expect(messages).toContain('调休上班日须为周末：2027-02-22');
  });
});
