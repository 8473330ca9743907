import type { EntityManager } from 'typeorm';
import type { CourseInput, PersonInput } from './inputs';

const CHUNK = 20_000;
const S = 'online_course_filing';

/**
 * A failed statement carries its parameters (TypeORM's QueryFailedError), here ID numbers; they must
 * not reach a log, so the error is rethrown without them.
 */
async function withoutParameters<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error && typeof error === 'object' && 'parameters' in error) {
      const { message, code } = error as unknown as { message: string; code?: string };
      throw Object.assign(new Error(`bulk insert failed: ${message}`), { code });
    }
    throw error;
  }
}

export type PersonRow = PersonInput & { filingId: string; line: number };
export type CourseRow = CourseInput & { filingId: string; line: number };

/** Multi-row inserts through unnest: one statement per 20,000 rows, whatever the filing's size. */
export async function insertPersonnel(
  manager: EntityManager,
  rows: PersonRow[],
  onRows?: (n: number) => void,
) {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    await withoutParameters(() =>
      manager.query(
        `INSERT INTO ${S}.person (filing_id, line, name, id_number, role, subject, teacher_certificate_number)
       SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])`,
        [
          chunk.map((r) => r.filingId),
          chunk.map((r) => r.line),
          chunk.map((r) => r.name),
          chunk.map((r) => r.idNumber),
          chunk.map((r) => r.role),
          chunk.map((r) => r.subject),
          chunk.map((r) => r.teacherCertificateNumber),
        ],
      ),
    );
    onRows?.(chunk.length);
  }
}

export async function insertCourses(manager: EntityManager, rows: CourseRow[], onRows?: (n: number) => void) {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    await manager.query(
      `INSERT INTO ${S}.course (filing_id, line, title, subject, grade_from, grade_to, lesson_minutes,
              break_minutes, delivery, schedule, start_time, end_time, fee_per_lesson_fen, billing_mode,
              prepaid_months, prepaid_lessons)
       SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::int[], $6::int[], $7::int[],
              $8::int[], $9::text[], $10::text[], $11::text[], $12::text[], $13::int[], $14::text[],
              $15::int[], $16::int[])`,
      [
        chunk.map((r) => r.filingId),
        chunk.map((r) => r.line),
        chunk.map((r) => r.title),
        chunk.map((r) => r.subject),
        chunk.map((r) => r.gradeFrom),
        chunk.map((r) => r.gradeTo),
        chunk.map((r) => r.lessonMinutes),
        chunk.map((r) => r.breakMinutes),
        chunk.map((r) => r.delivery),
        chunk.map((r) => r.schedule),
        chunk.map((r) => r.startTime),
        chunk.map((r) => r.endTime),
        chunk.map((r) => r.feePerLessonFen),
        chunk.map((r) => r.billingMode),
        chunk.map((r) => r.prepaidMonths),
        chunk.map((r) => r.prepaidLessons),
      ],
    );
    onRows?.(chunk.length);
  }
}
