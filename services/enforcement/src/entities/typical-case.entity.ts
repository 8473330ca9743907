import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'typical_case' })
export class TypicalCaseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'institution_id', nullable: true })
  institutionId: string | null;

  @Column({ type: 'text', name: 'region_code' })
  regionCode: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  summary: string;

  @Column({ type: 'text', name: 'published_by_id' })
  publishedById: string;

  @Column({ type: 'text', name: 'published_by_name' })
  publishedByName: string;

  @Column({ type: 'timestamptz', name: 'published_at' })
  publishedAt: Date;
}
