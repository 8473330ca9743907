import { ACADEMIC_SUBJECTS, type BusinessInfo } from './types';

export interface RuleSet {
  version: string;
  document: string;
  effectiveFrom: string;
  maxLessonMinutes: number;
  minBreakMinutes: number;
  liveLessonsEndBy: string;
  maxPrepaidMonths: number;
  maxPrepaidLessons: number;
  maxPrepaidFen: number | null;
}

export interface ScreenedPerson {
  line: number;
  name: string;
  role: string;
  subject: string | null;
  teacherCertificateNumber: string | null;
}

export interface ScreenedCourse {
  line: number;
  title: string;
  lessonMinutes: number;
  breakMinutes: number;
  delivery: string;
  endTime: string;
  feePerLessonFen: number;
  billingMode: string;
  prepaidMonths: number | null;
  prepaidLessons: number | null;
}

export interface RuleFinding {
  item: string | null;
  rule: string;
  document: string;
  description: string;
}

/**
 * The rule set in force on a day (Asia/Shanghai): the one with the latest effective date not after it.
 * Sets must be given oldest first.
 */
export function ruleSetInForce<T extends { effectiveFrom: string }>(sets: T[], day: string): T | undefined {
  let found: T | undefined;
  for (const set of sets) if (set.effectiveFrom <= day) found = set;
  return found;
}

/** The automated screening: every problem with the item, rule and document it concerns. */
export function screen(
  ruleSet: RuleSet,
  filing: { businessInfo: BusinessInfo },
  personnel: ScreenedPerson[],
  courses: ScreenedCourse[],
): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const add = (item: string | null, rule: string, description: string) =>
    findings.push({ item, rule, document: ruleSet.document, description });

  const business = filing.businessInfo;
  if (business.platforms.length === 0) add('businessInfo.platforms', 'BUSINESS_DOCUMENTS', '未填报培训平台');
  if (!business.telecomLicence)
    add('businessInfo.telecomLicence', 'BUSINESS_DOCUMENTS', '缺少增值电信业务经营许可证');
  if (!business.complaintLink) add('businessInfo.complaintLink', 'BUSINESS_DOCUMENTS', '缺少投诉渠道');
  if (!business.userAgreement) add('businessInfo.userAgreement', 'BUSINESS_DOCUMENTS', '缺少用户协议');
  business.platforms.forEach((p, i) => {
    if (p.kind === 'WEBSITE' && !p.icpNumber)
      add(`businessInfo.platforms.${i}.icpNumber`, 'BUSINESS_DOCUMENTS', `网站 ${p.name} 缺少ICP备案号`);
  });

  for (const person of personnel) {
    if (
      person.role === 'TEACHER' &&
      person.subject &&
      ACADEMIC_SUBJECTS.includes(person.subject) &&
      !person.teacherCertificateNumber
    ) {
      add(
        `personnel.${person.line - 1}.teacherCertificateNumber`,
        'TEACHER_QUALIFICATION',
        `学科类培训人员 ${person.name} 未取得教师资格`,
      );
    }
  }

  for (const course of courses) {
    const at = `courses.${course.line - 1}`;
    if (course.lessonMinutes > ruleSet.maxLessonMinutes) {
      add(
        `${at}.lessonMinutes`,
        'LESSON_LENGTH',
        `《${course.title}》每课时 ${course.lessonMinutes} 分钟，超过 ${ruleSet.maxLessonMinutes} 分钟`,
      );
    }
    if (course.breakMinutes < ruleSet.minBreakMinutes) {
      add(
        `${at}.breakMinutes`,
        'BREAK_LENGTH',
        `《${course.title}》课程间隔 ${course.breakMinutes} 分钟，少于 ${ruleSet.minBreakMinutes} 分钟`,
      );
    }
    if (course.delivery === 'LIVE' && course.endTime > ruleSet.liveLessonsEndBy) {
      add(
        `${at}.endTime`,
        'LIVE_END_TIME',
        `《${course.title}》直播结束时间 ${course.endTime} 晚于 ${ruleSet.liveLessonsEndBy}`,
      );
    }
    if (course.billingMode === 'PREPAID') {
      const months = course.prepaidMonths ?? 0;
      const lessons = course.prepaidLessons ?? 0;
      if (months > ruleSet.maxPrepaidMonths || lessons > ruleSet.maxPrepaidLessons) {
        add(
          `${at}.prepaidMonths`,
          'PREPAID_SPAN',
          `《${course.title}》一次性收费跨度 ${months} 个月/${lessons} 课时，超过 ${ruleSet.maxPrepaidMonths} 个月或 ${ruleSet.maxPrepaidLessons} 课时`,
        );
      }
      if (ruleSet.maxPrepaidFen !== null && lessons * course.feePerLessonFen > ruleSet.maxPrepaidFen) {
        add(
          `${at}.feePerLessonFen`,
          'PREPAID_AMOUNT',
          `《${course.title}》一次性收费 ${(lessons * course.feePerLessonFen) / 100} 元，超过 ${ruleSet.maxPrepaidFen / 100} 元`,
        );
      }
    }
  }
  return findings;
}
