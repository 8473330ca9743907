import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'enforcement_action' })
export class EnforcementActionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'order_id' })
  orderId: string;

  @Column({ type: 'text', name: 'escalation_level', nullable: true })
  escalationLevel: string | null;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'text', name: 'recorded_by_id' })
  recordedById: string;

  @Column({ type: 'text', name: 'recorded_by_name' })
  recordedByName: string;

  @Column({ type: 'timestamptz', name: 'recorded_at', insert: false, update: false })
  recordedAt: Date;
}
