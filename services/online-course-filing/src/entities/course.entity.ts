import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Part 4 of a filing: one course of the training content. */
@Entity({ name: 'course' })
export class CourseEntity {
  @PrimaryColumn({ type: 'uuid', name: 'filing_id' })
  filingId: string;

  @PrimaryColumn({ type: 'integer' })
  line: number;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'integer', name: 'grade_from' })
  gradeFrom: number;

  @Column({ type: 'integer', name: 'grade_to' })
  gradeTo: number;

  @Column({ type: 'integer', name: 'lesson_minutes' })
  lessonMinutes: number;

  @Column({ type: 'integer', name: 'break_minutes' })
  breakMinutes: number;

  @Column({ type: 'text' })
  delivery: string;

  @Column({ type: 'text' })
  schedule: string;

  @Column({ type: 'text', name: 'start_time' })
  startTime: string;

  @Column({ type: 'text', name: 'end_time' })
  endTime: string;

  @Column({ type: 'integer', name: 'fee_per_lesson_fen' })
  feePerLessonFen: number;

  @Column({ type: 'text', name: 'billing_mode' })
  billingMode: string;

  @Column({ type: 'integer', name: 'prepaid_months', nullable: true })
  prepaidMonths: number | null;

  @Column({ type: 'integer', name: 'prepaid_lessons', nullable: true })
  prepaidLessons: number | null;
}
