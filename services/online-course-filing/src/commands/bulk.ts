import type { EntityManager } from 'typeorm';
import { copyRows } from '@jianguan/platform';
import type { CourseInput, PersonInput } from './inputs';

const S = 'online_course_filing';

export type PersonRow = PersonInput & { filingId: string; line: number };
export type CourseRow = CourseInput & { filingId: string; line: number };

// COPY on the caller's transaction, whatever the filing's size; a failure's error carries no row data
// (copyRows drops it), so no ID number reaches a log.

export const insertPersonnel = (manager: EntityManager, rows: PersonRow[], onRows?: (n: number) => void) =>
  copyRows(
    manager,
    `${S}.person`,
    ['filing_id', 'line', 'name', 'id_number', 'role', 'subject', 'teacher_certificate_number'],
    rows.map((r) => [r.filingId, r.line, r.name, r.idNumber, r.role, r.subject, r.teacherCertificateNumber]),
    onRows,
  );

export const insertCourses = (manager: EntityManager, rows: CourseRow[], onRows?: (n: number) => void) =>
  copyRows(
    manager,
    `${S}.course`,
    [
      'filing_id',
      'line',
      'title',
      'subject',
      'grade_from',
      'grade_to',
      'lesson_minutes',
      'break_minutes',
      'delivery',
      'schedule',
      'start_time',
      'end_time',
      'fee_per_lesson_fen',
      'billing_mode',
      'prepaid_months',
      'prepaid_lessons',
    ],
    rows.map((r) => [
      r.filingId,
      r.line,
      r.title,
      r.subject,
      r.gradeFrom,
      r.gradeTo,
      r.lessonMinutes,
      r.breakMinutes,
      r.delivery,
      r.schedule,
      r.startTime,
      r.endTime,
      r.feePerLessonFen,
      r.billingMode,
      r.prepaidMonths,
      r.prepaidLessons,
    ]),
    onRows,
  );
