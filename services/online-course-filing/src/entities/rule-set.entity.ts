import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A versioned set of screening thresholds, set by a policy document and in force from a date. */
@Entity({ name: 'rule_set' })
export class RuleSetEntity {
  @PrimaryColumn({ type: 'text' })
  version: string;

  @Column({ type: 'text' })
  document: string;

  @Column({ type: 'date', name: 'effective_from' })
  effectiveFrom: string;

  @Column({ type: 'integer', name: 'max_lesson_minutes' })
  maxLessonMinutes: number;

  @Column({ type: 'integer', name: 'min_break_minutes' })
  minBreakMinutes: number;

  @Column({ type: 'text', name: 'live_lessons_end_by' })
  liveLessonsEndBy: string;

  @Column({ type: 'integer', name: 'max_prepaid_months' })
  maxPrepaidMonths: number;

  @Column({ type: 'integer', name: 'max_prepaid_lessons' })
  maxPrepaidLessons: number;

  @Column({
    type: 'bigint',
    name: 'max_prepaid_fen',
    nullable: true,
    transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) },
  })
  maxPrepaidFen: number | null;
}
