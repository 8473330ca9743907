import { IntColumn, UuidColumn } from '@jianguan/platform';

/** A numbered line of one part of a filing (personnel, courses), keyed by the filing and the line. */
export abstract class FilingPartRow {
  @UuidColumn({ primary: true })
  filingId: string;

  @IntColumn({ primary: true })
  line: number;
}
