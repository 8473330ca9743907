import { Entity } from 'typeorm';
import { IntColumn, TextColumn } from '@jianguan/platform';
import { FilingPartRow } from './filing-part';

/** Part 4 of a filing: one course of the training content. */
@Entity({ name: 'course' })
export class CourseEntity extends FilingPartRow {
  @TextColumn()
  title: string;

  @TextColumn()
  subject: string;

  @IntColumn()
  gradeFrom: number;

  @IntColumn()
  gradeTo: number;

  @IntColumn()
  lessonMinutes: number;

  @IntColumn()
  breakMinutes: number;

  @TextColumn()
  delivery: string;

  @TextColumn()
  schedule: string;

  @TextColumn()
  startTime: string;

  @TextColumn()
  endTime: string;

  @IntColumn()
  feePerLessonFen: number;

  @TextColumn()
  billingMode: string;

  @IntColumn({ nullable: true })
  prepaidMonths: number | null;

  @IntColumn({ nullable: true })
  prepaidLessons: number | null;
}
