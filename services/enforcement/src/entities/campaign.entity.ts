import { Entity } from 'typeorm';
import {
  GeneratedIdRow,
  IntColumn,
  TextArrayColumn,
  TextColumn,
  TimeColumn,
  UuidColumn,
} from '@jianguan/platform';

/** A special action (专项治理行动): a region, a period and the default rectification deadline. */
@Entity({ name: 'campaign' })
export class CampaignEntity extends GeneratedIdRow {
  @TextColumn()
  name: string;

  @TextColumn()
  regionCode: string;

  @TimeColumn()
  startsAt: Date;

  @TimeColumn()
  endsAt: Date;

  @TimeColumn()
  defaultDeadline: Date;

  /** Institution kinds in scope; null: every kind. */
  @TextArrayColumn({ nullable: true })
  kinds: string[] | null;

  /** Problems in scope (CAMPAIGN_PROBLEMS): what makes an institution on file get an order. */
  @TextArrayColumn()
  problems: string[];

  /** Enrolment of the institutions already on file: the last institution id done, and how many orders. */
  @UuidColumn({ nullable: true })
  enrolmentCursor: string | null;

  @IntColumn()
  enrolled: number;

  @TimeColumn({ nullable: true })
  enrolmentDoneAt: Date | null;

  @TextColumn()
  createdById: string;

  @TextColumn()
  createdByName: string;
}
