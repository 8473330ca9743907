import { Entity } from 'typeorm';
import { BigIntColumn, DayColumn, IntColumn, TextColumn } from '@jianguan/platform';

/** A versioned set of screening thresholds, set by a policy document and in force from a date. */
@Entity({ name: 'rule_set' })
export class RuleSetEntity {
  @TextColumn({ primary: true })
  version: string;

  @TextColumn()
  document: string;

  @DayColumn()
  effectiveFrom: string;

  @IntColumn()
  maxLessonMinutes: number;

  @IntColumn()
  minBreakMinutes: number;

  @TextColumn()
  liveLessonsEndBy: string;

  @IntColumn()
  maxPrepaidMonths: number;

  @IntColumn()
  maxPrepaidLessons: number;

  /** Read as a number: a prepaid ceiling in fen stays far below 2^53. */
  @BigIntColumn({
    nullable: true,
    transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) },
  })
  maxPrepaidFen: number | null;
}
