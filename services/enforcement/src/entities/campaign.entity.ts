import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A special action (专项治理行动): a region, a period and the default rectification deadline. */
@Entity({ name: 'campaign' })
export class CampaignEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', name: 'region_code' })
  regionCode: string;

  @Column({ type: 'timestamptz', name: 'starts_at' })
  startsAt: Date;

  @Column({ type: 'timestamptz', name: 'ends_at' })
  endsAt: Date;

  @Column({ type: 'timestamptz', name: 'default_deadline' })
  defaultDeadline: Date;

  /** Institution kinds in scope; null: every kind. */
  @Column({ type: 'text', array: true, nullable: true })
  kinds: string[] | null;

  /** Problems in scope (CAMPAIGN_PROBLEMS): what makes an institution on file get an order. */
  @Column({ type: 'text', array: true })
  problems: string[];

  /** Enrolment of the institutions already on file: the last institution id done, and how many orders. */
  @Column({ type: 'uuid', name: 'enrolment_cursor', nullable: true })
  enrolmentCursor: string | null;

  @Column({ type: 'integer' })
  enrolled: number;

  @Column({ type: 'timestamptz', name: 'enrolment_done_at', nullable: true })
  enrolmentDoneAt: Date | null;

  @Column({ type: 'text', name: 'created_by_id' })
  createdById: string;

  @Column({ type: 'text', name: 'created_by_name' })
  createdByName: string;
}
