import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type PatrolCardKind = 'REMINDER' | 'YELLOW' | 'RED';

@Entity({ name: 'patrol_card' })
export class PatrolCardEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'institution_id' })
  institutionId: string;

  @Column({ type: 'text', name: 'region_code' })
  regionCode: string;

  @Column({ type: 'text' })
  card: PatrolCardKind;

  @Column({ type: 'text' })
  reason: string;

  /** The shutdown a red card imposed. */
  @Column({ type: 'uuid', name: 'penalty_id', nullable: true })
  penaltyId: string | null;

  @Column({ type: 'text', name: 'issued_by_id' })
  issuedById: string;

  @Column({ type: 'text', name: 'issued_by_name' })
  issuedByName: string;

  @Column({ type: 'timestamptz', name: 'issued_at' })
  issuedAt: Date;
}
