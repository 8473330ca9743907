import { Entity } from 'typeorm';
import { TimeColumn, UuidColumn } from '@jianguan/platform';
import { TypicalCaseColumns } from '@jianguan/events';

/** A typical case enforcement published (TypicalCasePublished), as the public sees it. */
@Entity({ name: 'typical_case' })
export class TypicalCaseEntity extends TypicalCaseColumns {
  @UuidColumn({ primary: true })
  caseId: string;

  @TimeColumn()
  publishedAt: Date;
}
