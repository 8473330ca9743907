import { TextColumn, UuidColumn } from '@jianguan/platform';

/**
 * A typical case as TypicalCasePublished carries it: enforcement's `typical_case`, where a case is
 * published, and public-list's copy, which shows it. Each entity extends this with its own key and
 * what it keeps of the publishing.
 */
export abstract class TypicalCaseColumns {
  /** A case may be about a kind of conduct rather than one institution. */
  @UuidColumn({ nullable: true })
  institutionId: string | null;

  @TextColumn()
  regionCode: string;

  @TextColumn()
  title: string;

  @TextColumn()
  summary: string;
}
