import { screen, ruleSetInForce, type RuleSet, type ScreenedCourse } from '../src/domain/screening';
import type { BusinessInfo } from '../src/domain/types';

const RULES_2019: RuleSet = {
  version: '2019',
  document: '教基〔2019〕8号',
  effectiveFrom: '2019-07-12',
  maxLessonMinutes: 40,
  minBreakMinutes: 10,
  liveLessonsEndBy: '21:00',
  maxPrepaidMonths: 3,
  maxPrepaidLessons: 60,
  maxPrepaidFen: null,
};
const RULES_2021: RuleSet = {
  ...RULES_2019,
  version: '2021',
  document: '双减意见',
  effectiveFrom: '2021-07-24',
  maxLessonMinutes: 30,
  maxPrepaidFen: 500_000,
};

const business: BusinessInfo = {
  platforms: [
    {
      kind: 'WEBSITE',
      name: '学习网',
      domain: 'x.cn',
      icpNumber: '青ICP备1号',
      storeIds: [],
      accountId: null,
    },
  ],
  telecomLicence: 'B2-20190001',
  complaintLink: 'https://x.cn/complaints',
  userAgreement: 'https://x.cn/agreement',
};

const course = (changes: Partial<ScreenedCourse> = {}): ScreenedCourse => ({
  line: 1,
  title: '初中数学',
  lessonMinutes: 30,
  breakMinutes: 10,
  delivery: 'LIVE',
  endTime: '20:30',
  feePerLessonFen: 5000,
  billingMode: 'PER_LESSON',
  prepaidMonths: null,
  prepaidLessons: null,
  ...changes,
});

describe('automated screening', () => {
  it('finds 45-minute lessons, an uncertified math teacher and live lessons until 21:30, each naming rule and document', () => {
    const findings = screen(
      RULES_2019,
      { businessInfo: business },
      [{ line: 1, name: '张老师', role: 'TEACHER', subject: 'MATH', teacherCertificateNumber: null }],
      [course({ lessonMinutes: 45, endTime: '21:30' })],
    );
    expect(findings.map((f) => [f.rule, f.item, f.document])).toEqual([
      ['TEACHER_QUALIFICATION', 'personnel.0.teacherCertificateNumber', '教基〔2019〕8号'],
      ['LESSON_LENGTH', 'courses.0.lessonMinutes', '教基〔2019〕8号'],
      ['LIVE_END_TIME', 'courses.0.endTime', '教基〔2019〕8号'],
    ]);
  });

  it('35-minute lessons pass the 2019 set and fail the 2021 set', () => {
    const screened = (rules: RuleSet) =>
      screen(rules, { businessInfo: business }, [], [course({ lessonMinutes: 35 })]).map((f) => f.rule);
    expect(screened(RULES_2019)).toEqual([]);
    expect(screened(RULES_2021)).toEqual(['LESSON_LENGTH']);
  });

  it('checks breaks, prepaid span and amount, and the business documents', () => {
    const findings = screen(
      RULES_2021,
      {
        businessInfo: {
          ...business,
          platforms: [{ ...business.platforms[0], icpNumber: null }],
          telecomLicence: null,
        },
      },
      [
        { line: 1, name: '艺术老师', role: 'TEACHER', subject: 'ART', teacherCertificateNumber: null },
        {
          line: 2,
          name: '助教',
          role: 'TEACHING_ASSISTANT',
          subject: 'MATH',
          teacherCertificateNumber: null,
        },
      ],
      [course({ breakMinutes: 5, billingMode: 'PREPAID', prepaidMonths: 4, prepaidLessons: 120 })],
    );
    expect(findings.map((f) => f.rule).sort()).toEqual([
      'BREAK_LENGTH',
      'BUSINESS_DOCUMENTS',
      'BUSINESS_DOCUMENTS',
      'PREPAID_AMOUNT',
      'PREPAID_SPAN',
    ]);
  });

  it('chooses the rule set in force on the submission day', () => {
    const sets = [RULES_2019, RULES_2021];
    expect(ruleSetInForce(sets, '2019-07-11')).toBeUndefined();
    expect(ruleSetInForce(sets, '2019-07-12')?.version).toBe('2019');
    expect(ruleSetInForce(sets, '2021-07-23')?.version).toBe('2019');
    expect(ruleSetInForce(sets, '2021-07-24')?.version).toBe('2021');
  });
});
