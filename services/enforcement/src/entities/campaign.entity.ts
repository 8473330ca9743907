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

  @Column({ type: 'text', name: 'created_by_id' })
  createdById: string;

  @Column({ type: 'text', name: 'created_by_name' })
  createdByName: string;
}
